namespace ResNetService.Training.Evaluation;

/// <summary>How the final model does on held-out data. <see cref="ConfusionMatrix"/> rows are true classes, columns predictions.</summary>
public sealed record TestReport(
    string Split,
    double Accuracy,
    double Loss,
    double? Top5Accuracy,
    IReadOnlyList<ClassMetrics> PerClass,
    IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix);
