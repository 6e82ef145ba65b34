namespace ResNetService.Training.Evaluation;

/// <summary>Loss and accuracy of a model on one split. <see cref="Confusion"/> rows are true classes, columns predictions.</summary>
public sealed record EvaluationResult(double Loss, double Accuracy, double? Top5Accuracy, int[][] Confusion);
