using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Synthetic;

namespace ResNetService.Api.Tests;

public sealed class RunObserverTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-observer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ATrainingWhoseProgressCannotBeWrittenStillFinishes()
    {
        var dataset = Path.Combine(_folder, "dataset");
        SyntheticDatasetWriter.WriteIdx(dataset, 64, 16, classes: 2, side: 8, seed: 1);
        // A records database that cannot even be opened: every write the observer makes throws. Its lease lasts longer
        // than any training here could (on a loaded machine the two epochs have taken over 30 s, the default period),
        // so what stops the run can only be the failing writes, which must not.
        var unreachable = RecordsDatabase.Sqlite(Path.Combine(_folder, "missing-folder", "records.db"));
        var root = new DataRoot(Options.Create(new StorageOptions { DataRoot = Path.Combine(_folder, "data") }));
        var logger = new CountingLogger();
        var lease = new RunLease(ResourceIds.New(), "owner", 1);
        using var heartbeat = new RunHeartbeat(new RunLeases(unreachable, Options.Create(new JobsOptions { LeaseDuration = TimeSpan.FromHours(1) })), lease, Stopwatch.GetTimestamp(), CancellationToken.None, logger);
        var observer = new RunObserver(new RunStore(unreachable, root), lease, heartbeat, logger);
        var job = new TrainingJob(dataset, new TrainingNetwork { Depth = 8 }, new TrainingOptions { Epochs = 2, BatchSize = 16 },
            Path.Combine(_folder, "run"), new TrainerSettings { Device = "cpu", ProgressEveryBatches = 1 });

        var result = new Trainer().Run(job, observer, CancellationToken.None);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(2, result.History.Count);
        Assert.True(logger.Warnings >= 2, $"{logger.Warnings} warnings");
    }

    private sealed class CountingLogger : ILogger
    {
        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                Warnings++;
        }
    }
}
