using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using ResNetService.Model;
using TorchSharp;

namespace ResNetService.Api.Cli;

/// <summary><c>--version</c>: this build, the TorchSharp and libtorch it runs on, and the device <c>auto</c> picks on this host.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine($"ResNetService {VersionOf(typeof(VersionAction).Assembly)}");
        output.WriteLine($"TorchSharp {VersionOf(typeof(torch).Assembly)}, libtorch {torch.__version__}");
        var cuda = torch.cuda.is_available() ? $"{torch.cuda.device_count()} CUDA device(s)" : "no CUDA";
        output.WriteLine($"Device (auto): {TorchDevices.Resolve("auto")} ({cuda})");
        return 0;
    }

    /// <summary>The informational version without the source revision that the SDK appends after '+'.</summary>
    private static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return version.Split('+')[0];
    }
}
