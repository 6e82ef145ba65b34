using Microsoft.Extensions.Options;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Training.Checkpointing;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Tests;

/// <summary>Each attempt at a run writes in a folder of its own; the next starts from the newest, the winner keeps them.</summary>
public sealed class RunFoldersTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resnet-folders-").FullName;
    private readonly RunStore _runs;
    private readonly RunFolders _folders;
    private readonly string _runId = ResourceIds.New();

    public RunFoldersTests()
    {
        var root = new DataRoot(Options.Create(new StorageOptions { DataRoot = _root }));
        _runs = new RunStore(RecordsDatabase.Sqlite(Path.Combine(_root, "unused.db")), root);
        _folders = new RunFolders(_runs, Options.Create(new TrainerSettings { KeepLastCheckpoints = 2 }));
        Write(Checkpoints(1), ("train-0000000010.ckpt", "10"), ("train-0000000020.ckpt", "20"), (TrainingCheckpoints.BestFileName, "best of attempt 1"));
        Write(Checkpoints(2), ("train-0000000015.ckpt", "15"), (TrainingCheckpoints.BestFileName, "best of attempt 2"));
        Write(_folders.CheckpointsOf(_runId), ("train-0000000005.ckpt", "5"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private RunLease Lease(int number) => new(_runId, $"worker-{number}", number);

    private string Checkpoints(int attempt) => Path.Combine(_folders.AttemptOf(Lease(attempt)), Trainer.CheckpointsFolder);

    private static void Write(string folder, params (string Name, string Content)[] files)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, content) in files)
            File.WriteAllText(Path.Combine(folder, name), content);
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.GetFiles(folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllText);

    [Fact]
    public void AnAttemptStartsFromTheNewestCheckpointsOfTheRunAndOfEarlierAttempts()
    {
        _folders.Prepare(Lease(3));

        Assert.Equal(new Dictionary<string, string>
        {
            ["train-0000000020.ckpt"] = "20",
            ["train-0000000015.ckpt"] = "15",
            // Beside the newest checkpoint, the best weights up to it.
            [TrainingCheckpoints.BestFileName] = "best of attempt 1",
        }, Files(Checkpoints(3)));
        // Copied, not taken: the earlier attempt's worker may still be alive, and its folder is its own.
        Assert.Equal(3, Files(Checkpoints(1)).Count);
    }

    [Fact]
    public void TheAttemptThatSettledTheRunKeepsItsCheckpointsAndClearsTheAttempts()
    {
        _folders.Prepare(Lease(3));
        Write(Checkpoints(3), ("train-0000000030.ckpt", "30"), (TrainingCheckpoints.BestFileName, "best of attempt 3"));

        _folders.Promote(Lease(3), succeeded: false);

        Assert.Equal(new Dictionary<string, string>
        {
            ["train-0000000030.ckpt"] = "30",
            ["train-0000000020.ckpt"] = "20",
            [TrainingCheckpoints.BestFileName] = "best of attempt 3",
        }, Files(_folders.CheckpointsOf(_runId)));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_runs.FolderOf(_runId), RunFolders.AttemptsFolder)));
    }

    [Fact]
    public void ASucceededRunKeepsOnlyItsNewestCheckpoint()
    {
        _folders.Promote(Lease(2), succeeded: true);

        Assert.Equal(new Dictionary<string, string> { ["train-0000000020.ckpt"] = "20" }, Files(_folders.CheckpointsOf(_runId)));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_runs.FolderOf(_runId), RunFolders.AttemptsFolder)));
    }

    [Fact]
    public void APromotionLeavesLaterAttemptsAlone()
    {
        Write(Checkpoints(4), ("train-0000000040.ckpt", "40"));

        _folders.Promote(Lease(2), succeeded: false);

        Assert.Equal(new Dictionary<string, string> { ["train-0000000040.ckpt"] = "40" }, Files(Checkpoints(4)));
        Assert.False(Directory.Exists(_folders.AttemptOf(Lease(1))));
    }
}
