using ResNetService.Api.Records;
using ResNetService.Training.Evaluation;

namespace ResNetService.Api.Models;

/// <summary>How well a model did: its best validation epoch and, when the dataset had held-out data, the test report.</summary>
/// <param name="ValidationAccuracy">The best epoch's validation accuracy (that epoch's weights are the model); null for an imported model.</param>
/// <param name="TestAccuracy">On the test split, else the validation split (<see cref="TestReport.Split"/> says which).</param>
/// <param name="ConfusionMatrix">Rows are true classes, columns predictions, in the order of the model's classes.</param>
/// <param name="Test">The same report, nested as earlier versions answered.</param>
/// <param name="TrainClassCounts">Training images per class, in the order of the model's classes (each class's recall is in <paramref name="PerClass"/>); null for an imported model.</param>
public sealed record ModelMetrics(
    int BestEpoch,
    double? ValidationAccuracy,
    double? TestAccuracy,
    double? TestLoss,
    IReadOnlyList<ClassMetrics>? PerClass,
    IReadOnlyList<IReadOnlyList<int>>? ConfusionMatrix,
    IReadOnlyList<EpochMetrics> History,
    TestReport? Test,
    IReadOnlyList<int>? TrainClassCounts)
{
    public static ModelMetrics Of(ModelRow m) =>
        new(m.BestEpoch, m.ImportedFrom is null ? m.BestValidationAccuracy : null, m.Test?.Accuracy, m.Test?.Loss, m.Test?.PerClass, m.Test?.ConfusionMatrix, m.History, m.Test,
            m.TrainClassCounts);
}
