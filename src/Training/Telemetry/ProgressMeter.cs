using System.Diagnostics;

namespace ResNetService.Training.Telemetry;

/// <summary>Throughput over the last reporting window and an ETA from the average step time since the run (re)started.</summary>
internal sealed class ProgressMeter(long totalSteps, long startStep)
{
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly Stopwatch _window = Stopwatch.StartNew();
    private long _windowImages;

    public void Add(int images) => _windowImages += images;

    /// <summary>Images per second since the last call, and the time left for the steps after <paramref name="globalStep"/>.</summary>
    public (double ImagesPerSecond, TimeSpan? Eta) Read(long globalStep)
    {
        var seconds = _window.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? _windowImages / seconds : 0;
        _window.Restart();
        _windowImages = 0;
        var done = globalStep - startStep;
        TimeSpan? eta = done > 0 ? _sinceStart.Elapsed / done * Math.Max(0, totalSteps - globalStep) : null;
        return (rate, eta);
    }
}
