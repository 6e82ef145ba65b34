using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ResNetService.Api.Tests.Support;

/// <summary>
/// Stops a training at a chosen step until the test lets it go, so that a test acts on a job that is certainly
/// running at a known point (cancels it, kills its worker, watches its progress) instead of racing the training, which
/// a faster machine would win. It listens to the trainer's step measurement, which the training thread records itself
/// right after each step: blocking there holds the run, before the step is reported.
/// Only the BCL: it also runs inside a service process, loaded there by the StartupHook class of the API tests.
/// </summary>
public sealed class TrainingHold : IDisposable
{
    // ResNetService.Training.Telemetry.TrainingTelemetry's names, written out: the startup hook cannot load that assembly's dependencies first.
    private const string Meter = "ResNetService.Training", Step = "resnet.training.step.duration", Epoch = "resnet.training.epoch.duration", RunTag = "run";

    private readonly MeterListener _listener = new();
    private readonly int _epoch, _step;
    private readonly Func<string, bool> _watches;
    private readonly ConcurrentDictionary<string, bool> _watched = new();
    private readonly ConcurrentDictionary<string, Position> _positions = new();
    private readonly TaskCompletionSource<string> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();
    private TimeSpan _pace;

    /// <param name="epoch">The epoch (from 1, counted from when the hold is made) ...</param>
    /// <param name="step">... and the step in it (from 1) after which a run stops.</param>
    /// <param name="watches">Which runs (by id) it holds; the others in the process train on.</param>
    public TrainingHold(int epoch, int step, Func<string, bool> watches)
    {
        (_epoch, _step, _watches) = (epoch, step, watches);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Meter && instrument.Name is Step or Epoch)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Holds the runs of the service whose data root this is: its run folders are made when a job is accepted.</summary>
    public static TrainingHold InDataRoot(string dataRoot, int epoch, int step) =>
        new(epoch, step, run => Directory.Exists(Path.Combine(dataRoot, "runs", run)));

    /// <summary>Completes with the run's id once a run has stopped at the point.</summary>
    public Task<string> Held => _held.Task;

    public async Task<string> HeldWithin(TimeSpan timeout)
    {
        try
        {
            return await Held.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No training reached epoch {_epoch} step {_step} within {timeout}.");
        }
    }

    /// <summary>
    /// Lets the held run go on. <paramref name="pace"/>: how long each later step then waits, for a request that the
    /// worker notices on its own schedule (a cancellation, a SIGTERM) to land long before the training could end.
    /// </summary>
    public void Release(TimeSpan pace = default)
    {
        _pace = pace;
        _released.Set();
    }

    /// <summary>Lets every held run go (the event itself is left undisposed: a training thread may still be leaving its wait).</summary>
    public void Dispose()
    {
        _released.Set();
        _listener.Dispose();
    }

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (RunOf(tags) is not { } run || !_watched.GetOrAdd(run, _watches))
            return;
        var at = _positions.AddOrUpdate(run, _ => Advance(new Position(1, 0), instrument), (_, p) => Advance(p, instrument));
        if (instrument.Name != Step)
            return;
        if (!_released.IsSet && (at.Epoch > _epoch || (at.Epoch == _epoch && at.Step >= _step)))
        {
            _held.TrySetResult(run);
            _released.Wait();
        }
        else if (_released.IsSet && _pace > TimeSpan.Zero)
        {
            Thread.Sleep(_pace);
        }
    }

    private static Position Advance(Position position, Instrument instrument) =>
        instrument.Name == Step ? position with { Step = position.Step + 1 } : new Position(position.Epoch + 1, 0);

    private static string? RunOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == RunTag)
                return tag.Value as string;
        }
        return null;
    }

    private sealed record Position(int Epoch, int Step);
}
