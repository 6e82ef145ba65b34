using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Pipeline;
using static TorchSharp.torch;

namespace ResNetService.Training.Evaluation;

/// <summary>Runs a model over a split in eval mode without gradients: loss, top-1, top-5 (from 5 classes) and the confusion matrix.</summary>
public static class Evaluator
{
    public const int MinClassesForTop5 = 5;

    /// <param name="region">The evaluation transform's region of each original; null when the split holds it already or squashes.</param>
    public static EvaluationResult Evaluate(ResNet model, IImageSource split, ImageShape shape, IImageRegion? region, InputTransfer transfer, int batchSize,
        CancellationToken cancellationToken)
    {
        var classes = model.Config.Classes;
        var confusion = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        double lossSum = 0;
        long top5Hits = 0;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            var loader = new BatchLoader(split, shape, [], seed: 0, region: region);
            foreach (var batch in loader.Batches(EpochOrder.Sequential(split.Count, batchSize), epoch: 0, firstBatch: 0, cancellationToken))
            {
                using var scope = NewDisposeScope();
                var logits = model.forward(transfer.Images(batch.Pixels, batch.Count));
                var labels = transfer.Labels(batch.Labels);
                lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
                var predicted = logits.argmax(1).cpu().data<long>().ToArray();
                for (var i = 0; i < predicted.Length; i++)
                    confusion[batch.Labels[i]][predicted[i]]++;
                if (classes >= MinClassesForTop5)
                    top5Hits += logits.topk(MinClassesForTop5, dim: 1).indexes.eq(labels.unsqueeze(1)).sum().item<long>();
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        // Samples that could not be decoded (a streamed split) are left out of the counts, not scored as wrong.
        var samples = Math.Max(1, confusion.Sum(row => row.Sum()));
        var correct = Enumerable.Range(0, classes).Sum(c => confusion[c][c]);
        return new EvaluationResult(
            lossSum / samples,
            (double)correct / samples,
            classes >= MinClassesForTop5 ? (double)top5Hits / samples : null,
            confusion);
    }
}
