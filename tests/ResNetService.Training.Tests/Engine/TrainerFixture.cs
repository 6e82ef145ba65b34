using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Synthetic;

namespace ResNetService.Training.Tests.Engine;

/// <summary>A generated 4-class task on 16×16 grayscale images and a ResNet-8 that learns it in a few epochs.</summary>
internal sealed class TrainerFixture : IDisposable
{
    public TrainerFixture(int trainCount = 480, int testCount = 120)
    {
        Root = Directory.CreateTempSubdirectory("resnet-trainer-").FullName;
        DatasetFolder = Path.Combine(Root, "dataset");
        SyntheticDatasetWriter.WriteIdx(DatasetFolder, trainCount, testCount, classes: 4, side: 16, seed: 7);
    }

    public string Root { get; }

    public string DatasetFolder { get; }

    public static TrainingNetwork Model { get; } = new() { Depth = 8 };

    public static TrainingOptions Options { get; } = new()
    {
        Epochs = 4,
        BatchSize = 32,
        LearningRate = 0.05,
        WarmupEpochs = 0.5,
        Seed = 3,
    };

    public static TrainerSettings Settings { get; } = new() { Device = "cpu", ProgressEveryBatches = 1, CheckpointEveryMinutes = 0 };

    public TrainingJob Job(string run, TrainingOptions? options = null) =>
        new(DatasetFolder, Model, options ?? Options, Path.Combine(Root, run), Settings);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
