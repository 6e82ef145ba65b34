namespace ResNetService.Training.Data;

/// <summary>How many samples of each class a split holds.</summary>
public static class ClassCounts
{
    public static int[] Of(IImageSource split, int classes)
    {
        var counts = new int[classes];
        for (var i = 0; i < split.Count; i++)
            counts[split.LabelAt(i)]++;
        return counts;
    }
}
