using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Sweeps;

/// <summary>The service deciding sweeps every few hundred milliseconds, so a tiny sweep's decisions follow its trials closely.</summary>
public sealed class SweepService : IDisposable
{
    public ServiceFactory Factory { get; } = ServiceFactory.With(new Dictionary<string, string?> { ["Sweeps:DecideInterval"] = "00:00:00.300" });

    public void Dispose() => Factory.Dispose();
}
