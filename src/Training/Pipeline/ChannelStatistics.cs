using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Sources;

namespace ResNetService.Training.Pipeline;

/// <summary>Per-channel mean and standard deviation of the training images (scaled to 0..1), for input normalisation.</summary>
public static class ChannelStatistics
{
    /// <summary>Enough images for statistics accurate to well under a percent; every image when the split is in memory.</summary>
    public const int StreamingSampleLimit = 5000;

    private static int[] Sample(int count, int seed)
    {
        var all = Enumerable.Range(0, count).ToArray();
        SeededRandom.For(seed, -1).Shuffle(all);
        return all[..StreamingSampleLimit];
    }

    public static InputNormalization Measure(IImageSource source, ImageShape shape, int seed)
    {
        var indices = source is InMemoryImages || source.Count <= StreamingSampleLimit
            ? Enumerable.Range(0, source.Count).ToArray()
            : Sample(source.Count, seed);
        var plane = shape.Height * shape.Width;
        var sum = new double[shape.Channels];
        var squares = new double[shape.Channels];
        var sample = new byte[shape.ByteCount];
        foreach (var index in indices)
        {
            source.ReadInto(index, shape.Channels, shape.Height, shape.Width, sample);
            for (var c = 0; c < shape.Channels; c++)
            {
                long s = 0, q = 0;
                foreach (var v in sample.AsSpan(c * plane, plane))
                {
                    s += v;
                    q += v * v;
                }
                sum[c] += s;
                squares[c] += q;
            }
        }
        var n = (double)indices.Length * plane;
        var mean = sum.Select(s => s / n / 255).ToArray();
        var std = squares.Select((q, c) => Math.Sqrt(Math.Max(q / n / (255.0 * 255) - mean[c] * mean[c], 0))).ToArray();
        // A constant channel would divide by zero; leave it unscaled instead.
        return new InputNormalization(
            mean.Select(m => (float)m).ToArray(),
            std.Select(s => s < 1e-6 ? 1f : (float)s).ToArray());
    }
}
