using System.CommandLine.Parsing;
using ResNetService.Model;

namespace ResNetService.Api.Cli;

/// <summary>A <c>--device</c> this host does not have is a usage error before any work starts, not a stack trace after.</summary>
internal static class DeviceValidation
{
    public static void Check(OptionResult result)
    {
        var setting = result.GetValueOrDefault<string>();
        if (!TorchDevices.IsValidSetting(setting))
        {
            result.AddError($"--device takes auto, cpu, cuda or cuda:N, not '{setting}'.");
            return;
        }
        if (TorchDevices.IsAuto(setting))
            return;
        try
        {
            TorchDevices.Resolve(setting);
        }
        catch (ArgumentException e)
        {
            result.AddError(e.Message);
        }
    }
}
