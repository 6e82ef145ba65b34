using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data.Decoding;
using SixLabors.ImageSharp;

namespace ResNetService.Training.Data.Sources;

/// <summary>
/// A split decoded once into one contiguous N×C×H×W byte array, for datasets small enough to train from memory.
/// Photos are held whole at a reduced size with their original sizes, so a crop chosen in the original's
/// coordinates is taken from the nearest thing to it without decoding the file again.
/// </summary>
public sealed class InMemoryImages : IImageSource
{
    private readonly IImageSource origin;
    private readonly int[] originIndices;

    private readonly Size[] frames;

    private InMemoryImages(IImageSource origin, int[] originIndices, byte[] pixels, int[] labels, ImageShape shape, Size[] frames, int skippedSamples)
    {
        this.frames = frames;
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
    /// <param name="region">
    /// What of each sample to keep: null, all of it as <see cref="IImageSource.ReadInto"/> gives it; <see cref="WholeImage"/>,
    /// all of it, remembering the original's size for later crops; another region, that region only.
    /// </param>
    public static InMemoryImages Load(IImageSource source, ImageShape shape, double maxSkippedFraction, int maxDegreeOfParallelism,
        CancellationToken cancellationToken = default, IImageRegion? region = null)
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
        var frames = new Size[source.Count];
        var stored = new Size(shape.Width, shape.Height);
        Parallel.For(
            0,
            source.Count,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken },
            i =>
            {
                try
                {
                    var destination = pixels.AsSpan(i * sampleBytes, sampleBytes);
                    frames[i] = stored;
                    if (region is null)
                        source.ReadInto(i, shape.Channels, shape.Height, shape.Width, destination);
                    else
                    {
                        var original = source.ReadRegionInto(i, shape, region, Random.Shared, destination);
                        if (region is WholeImage)
                            frames[i] = original;
                    }
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
        return new InMemoryImages(source, kept, pixels, labels, shape, Array.ConvertAll(kept, i => frames[i]), failureMessages.Length);
    }

    public int LabelAt(int index) => Labels[index];

    public string NameOf(int index) => origin.NameOf(originIndices[index]);

    public ReadOnlySpan<byte> SampleAt(int index) => Pixels.AsSpan(index * Shape.ByteCount, Shape.ByteCount);

    public void ReadInto(int index, int channels, int height, int width, Span<byte> destination) =>
        ChwConversion.Convert(SampleAt(index), Shape, channels, height, width, destination);

    /// <summary>The region is chosen in the original's frame and taken from the stored sample, scaled to it.</summary>
    public Size ReadRegionInto(int index, ImageShape shape, IImageRegion region, Random random, Span<byte> destination)
    {
        var frame = frames[index];
        var chosen = region.Choose(frame, random);
        double scaleX = (double)Shape.Width / frame.Width, scaleY = (double)Shape.Height / frame.Height;
        int left = (int)Math.Floor(chosen.Left * scaleX), top = (int)Math.Floor(chosen.Top * scaleY);
        int right = Math.Max(left + 1, Math.Min(Shape.Width, (int)Math.Ceiling(chosen.Right * scaleX)));
        int bottom = Math.Max(top + 1, Math.Min(Shape.Height, (int)Math.Ceiling(chosen.Bottom * scaleY)));
        ChwConversion.Convert(SampleAt(index), Shape, shape.Channels, shape.Height, shape.Width, destination,
            Rectangle.FromLTRB(left, top, right, bottom));
        return frame;
    }
}
