using ResNetService.Training.Engine;
using ResNetService.Training.Evaluation;

namespace ResNetService.Api.Models;

/// <param name="Test">Per-class precision, recall, F1 and the confusion matrix on held-out data; null when the dataset had none.</param>
public sealed record ModelMetrics(int BestEpoch, double BestValidationAccuracy, IReadOnlyList<EpochMetrics> History, TestReport? Test);
