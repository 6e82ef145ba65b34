using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Model;

/// <summary>Chooses the device to run on from a setting: <c>auto</c> (CUDA when available), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
public static partial class TorchDevices
{
    /// <summary>Whether a setting leaves the choice to the host (unset or <c>auto</c>).</summary>
    public static bool IsAuto(string? setting) => string.IsNullOrWhiteSpace(setting) || setting.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a setting names a device at all (whether this host has it is for <see cref="Resolve"/> to say).</summary>
    public static bool IsValidSetting(string? setting) => string.IsNullOrWhiteSpace(setting) || SettingPattern().IsMatch(setting.Trim());

    [System.Text.RegularExpressions.GeneratedRegex("^(auto|cpu|cuda(:[0-9]{1,3})?)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SettingPattern();

    public static Device Resolve(string? setting)
    {
        if (IsAuto(setting))
            return cuda.is_available() ? CUDA : CPU;
        var value = setting!.Trim().ToLowerInvariant();
        if (value == "cpu")
            return CPU;
        if (value == "cuda" || value.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new ArgumentException($"Device '{setting}' was asked for, but CUDA is not available (CPU build, or no GPU/driver). Use 'auto' or 'cpu'.");
            var index = value == "cuda" ? 0 : int.TryParse(value[5..], out var i) ? i : -1;
            if (index < 0 || index >= cuda.device_count())
                throw new ArgumentException($"Device '{setting}' does not exist: this host has {cuda.device_count()} CUDA device(s).");
            return new Device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"Unknown device '{setting}': use auto, cpu, cuda or cuda:N.");
    }
}
