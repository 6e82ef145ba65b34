using ResNetService.Training.Evaluation;

namespace ResNetService.Training.Tests.Evaluation;

public class ClassificationReportTests
{
    [Fact]
    public void PrecisionRecallAndF1ComeFromTheConfusionMatrix()
    {
        // Rows are true classes, columns predictions.
        int[][] confusion =
        [
            [5, 1, 0],
            [2, 3, 1],
            [0, 0, 0],
        ];

        var metrics = ClassificationReport.PerClass(confusion, ["a", "b", "c"]);

        Assert.Equal(5.0 / 7, metrics[0].Precision, 12);
        Assert.Equal(5.0 / 6, metrics[0].Recall, 12);
        Assert.Equal(2 * (5.0 / 7) * (5.0 / 6) / (5.0 / 7 + 5.0 / 6), metrics[0].F1, 12);
        Assert.Equal(6, metrics[0].Support);
        Assert.Equal(3.0 / 4, metrics[1].Precision, 12);
        Assert.Equal(3.0 / 6, metrics[1].Recall, 12);
        Assert.Equal(0, metrics[2].Precision);
        Assert.Equal(0, metrics[2].Recall);
        Assert.Equal(0, metrics[2].F1);
        Assert.Equal("c", metrics[2].Label);
    }
}
