namespace ResNetService.Api.Hosting;

/// <summary>The device this process trains and classifies on: auto, cpu, cuda or cuda:N (config <c>Training:Device</c>).</summary>
public sealed class DeviceOptions
{
    public const string Section = "Training";

    public string Device { get; set; } = "auto";
}
