namespace ResNetService.Training.Data;

/// <summary>Sample count of one split, in total and per class index.</summary>
public sealed record SplitCounts(int Total, IReadOnlyList<int> PerClass)
{
    public static SplitCounts Of(IImageSource source, int classCount)
    {
        var perClass = new int[classCount];
        for (var i = 0; i < source.Count; i++)
        {
            perClass[source.LabelAt(i)]++;
        }

        return new SplitCounts(source.Count, perClass);
    }
}
