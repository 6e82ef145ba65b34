using ResNetService.Model.Preprocessing;
namespace ResNetService.Training.Data;

/// <summary>
/// A split decoded once into one contiguous N×C×H×W byte array, for datasets small enough to train from memory.
/// </summary>
public sealed class InMemoryImages : IImageSource
{
    private readonly IImageSource origin;
    private readonly int[] originIndices;

    private InMemoryImages(IImageSource origin, int[] originIndices, byte[] pixels, int[] labels, ImageShape shape, int skippedSamples)
    {
        this.origin = origin;
        this.originIndices = originIndices;
        Pixels = pixels;
        Labels = labels;
        Shape = shape;
        SkippedSamples = skippedSamples;
    }

    public byte[] Pixels { get; }

    public int[] Labels { get; }

    public ImageShape Shape { get; }

    /// <summary>Samples of the source that could not be decoded and are left out.</summary>
    public int SkippedSamples { get; }

    public int Count => Labels.Length;

    /// <summary>Bytes needed to hold <paramref name="count"/> samples of <paramref name="shape"/>; compare before loading.</summary>
    public static long EstimateBytes(int count, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return (long)count * shape.ByteCount;
    }

    /// <summary>
    /// Decodes every sample of <paramref name="source"/> at <paramref name="shape"/> in parallel. Samples that fail
    /// to decode are left out and counted; more than <paramref name="maxSkippedFraction"/> of them fails the load.
    /// </summary>
    public static InMemoryImages Load(IImageSource source, ImageShape shape, double maxSkippedFraction, int maxDegreeOfParallelism, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(shape);
        var sampleBytes = shape.ByteCount;
        if (EstimateBytes(source.Count, shape) > Array.MaxLength)
        {
            throw new DatasetException(
                $"{source.Count} samples of {shape.Channels}×{shape.Height}×{shape.Width} need {EstimateBytes(source.Count, shape)} bytes, more than one array can hold; stream them instead.");
        }

        var pixels = new byte[source.Count * sampleBytes];
        var failures = new string?[source.Count];
        Parallel.For(
            0,
            source.Count,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken },
            i =>
            {
                try
                {
                    source.ReadInto(i, shape.Channels, shape.Height, shape.Width, pixels.AsSpan(i * sampleBytes, sampleBytes));
                }
                catch (DatasetException exception)
                {
                    failures[i] = exception.Message;
                }
            });

        var failureMessages = failures.OfType<string>().ToArray();
        SkipThreshold.Enforce(failureMessages, source.Count, maxSkippedFraction);
        var kept = Enumerable.Range(0, source.Count).Where(i => failures[i] is null).ToArray();
        for (var k = 0; k < kept.Length; k++)
        {
            // Compacting forwards is safe: a kept sample never moves to a later slot.
            if (kept[k] != k)
            {
                pixels.AsSpan(kept[k] * sampleBytes, sampleBytes).CopyTo(pixels.AsSpan(k * sampleBytes));
            }
        }

        if (kept.Length < source.Count)
        {
            Array.Resize(ref pixels, kept.Length * sampleBytes);
        }

        var labels = Array.ConvertAll(kept, source.LabelAt);
        return new InMemoryImages(source, kept, pixels, labels, shape, failureMessages.Length);
    }

    public int LabelAt(int index) => Labels[index];

    public string NameOf(int index) => origin.NameOf(originIndices[index]);

    public ReadOnlySpan<byte> SampleAt(int index) => Pixels.AsSpan(index * Shape.ByteCount, Shape.ByteCount);

    public void ReadInto(int index, int channels, int height, int width, Span<byte> destination) =>
        ChwConversion.Convert(SampleAt(index), Shape, channels, height, width, destination);
}
