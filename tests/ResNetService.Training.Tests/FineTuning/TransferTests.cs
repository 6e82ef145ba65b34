using ResNetService.Training.Engine;
using ResNetService.Training.FineTuning;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Synthetic;
using ResNetService.Training.Tests.Engine;
using Xunit.Abstractions;

namespace ResNetService.Training.Tests.FineTuning;

/// <summary>
/// A model trained on an 8-class task (squares of eight sizes) is fine-tuned on a related 4-class task (four of
/// those sizes) from a small training split; after the same few epochs it beats the same network trained from scratch.
/// </summary>
[Collection(TorchSeedCollection.Name)]
public sealed class TransferTests(TransferTests.PretrainedSource source, ITestOutputHelper output) : IClassFixture<TransferTests.PretrainedSource>
{
    public sealed class PretrainedSource : IDisposable
    {
        public PretrainedSource()
        {
            Root = Directory.CreateTempSubdirectory("resnet-transfer-").FullName;
            var dataset = Path.Combine(Root, "source-task");
            SyntheticDatasetWriter.WriteIdx(dataset, trainCount: 640, testCount: 80, classes: 8, side: 16, seed: 31);
            var options = new TrainingOptions
            {
                Epochs = 4, BatchSize = 32, LearningRate = 0.05, WarmupEpochs = 0.5, Seed = 5,
            };
            var result = new Trainer().Run(new TrainingJob(dataset, new TrainingNetwork { Depth = 8 }, options, Path.Combine(Root, "source-run"), TrainerFixture.Settings), null, CancellationToken.None);
            SourceAccuracy = result.Test!.Accuracy;
            CheckpointPath = result.ModelPath!;
        }

        public string Root { get; }

        public string CheckpointPath { get; }

        public double SourceAccuracy { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FineTuningARelatedModelBeatsTrainingFromScratch(int seed)
    {
        var dataset = Path.Combine(source.Root, $"target-task-{seed}");
        SyntheticDatasetWriter.WriteIdx(dataset, trainCount: 64, testCount: 200, classes: 4, side: 16, seed: 100 + seed);
        var options = new TrainingOptions
        {
            Epochs = 3, BatchSize = 16, LearningRate = 0.02, WarmupEpochs = 0.5, Seed = seed,
            ValidationFraction = 0.25,
        };
        var model = new TrainingNetwork { Depth = 8 };

        var scratch = new Trainer().Run(new TrainingJob(dataset, model, options, Path.Combine(source.Root, $"scratch-{seed}"), TrainerFixture.Settings), null, CancellationToken.None);
        var tuned = new Trainer().Run(new TrainingJob(dataset, model, options, Path.Combine(source.Root, $"tuned-{seed}"), TrainerFixture.Settings,
            From: new FineTuneSource(source.CheckpointPath)), null, CancellationToken.None);

        output.WriteLine($"source task accuracy {source.SourceAccuracy:P1}; seed {seed}: scratch {scratch.Test!.Accuracy:P1}, fine-tuned {tuned.Test!.Accuracy:P1}");
        Assert.True(tuned.Test.Accuracy >= scratch.Test.Accuracy + 0.15,
            $"fine-tuned {tuned.Test.Accuracy:P1} against {scratch.Test.Accuracy:P1} from scratch");
    }
}
