namespace ResNetService.Training.Evaluation;

/// <summary>Per-class precision, recall and F1 from a confusion matrix (rows true classes, columns predictions).</summary>
public static class ClassificationReport
{
    public static IReadOnlyList<ClassMetrics> PerClass(int[][] confusion, IReadOnlyList<string> labels)
    {
        var metrics = new ClassMetrics[labels.Count];
        for (var c = 0; c < labels.Count; c++)
        {
            var truePositives = confusion[c][c];
            var support = confusion[c].Sum();
            var predicted = confusion.Sum(row => row[c]);
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            metrics[c] = new ClassMetrics(labels[c], precision, recall, f1, support);
        }
        return metrics;
    }

    public static TestReport Report(string split, EvaluationResult result, IReadOnlyList<string> labels) =>
        new(split, result.Accuracy, result.Loss, result.Top5Accuracy, PerClass(result.Confusion, labels), result.Confusion);
}
