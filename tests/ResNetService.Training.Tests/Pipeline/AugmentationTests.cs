using ResNetService.Model.Architecture;
using ResNetService.Training.Pipeline;

namespace ResNetService.Training.Tests.Pipeline;

public class AugmentationTests
{
    private static readonly ImageShape Shape = new(2, 4, 5);

    private static byte[] Numbered() => Enumerable.Range(1, Shape.ByteCount).Select(i => (byte)i).ToArray();

    /// <summary>A generator whose first two draws in [-padding, padding] are the given offsets.</summary>
    private static Random Fixed(int first, int second, int padding) => new FixedRandom([first + padding, second + padding]);

    [Fact]
    public void PaddedCropShiftsThePixelsAndFillsWithZeros()
    {
        var sample = Numbered();

        new PaddedRandomCrop(2).Apply(sample, Shape, Fixed(1, -1, 2));

        // Output (y, x) = input (y + 1, x - 1): the first column and the last row become zero.
        byte[] expectedPlane0 =
        [
            0, 6, 7, 8, 9,
            0, 11, 12, 13, 14,
            0, 16, 17, 18, 19,
            0, 0, 0, 0, 0,
        ];
        Assert.Equal(expectedPlane0, sample[..20]);
        Assert.Equal(26, sample[21]);
    }

    [Fact]
    public void FlipMirrorsEveryRowOfEveryChannel()
    {
        var sample = Numbered();

        new HorizontalFlip().Apply(sample, Shape, new FixedRandom([1]));

        Assert.Equal([5, 4, 3, 2, 1], sample[..5]);
        Assert.Equal([40, 39, 38, 37, 36], sample[35..]);
    }

    [Fact]
    public void RandomResizedCropStaysInsideTheOriginalWithinItsScaleAndRatioAndIsDeterministicForASeed()
    {
        var crop = new RandomResizedCrop(0.2, 0.5, 0.75, 4.0 / 3);
        var original = new SixLabors.ImageSharp.Size(640, 360);

        for (var i = 0; i < 200; i++)
        {
            var region = crop.Choose(original, SeededRandom.For(5, i));

            Assert.Equal(region, crop.Choose(original, SeededRandom.For(5, i)));
            Assert.True(region.Left >= 0 && region.Top >= 0 && region.Right <= original.Width && region.Bottom <= original.Height, $"{region}");
            var share = (double)region.Width * region.Height / (original.Width * original.Height);
            Assert.InRange(share, 0.19, 0.51);
            Assert.InRange((double)region.Width / region.Height, 0.74, 1.35);
        }
    }

    [Fact]
    public void EpochOrderShufflesBySeedAndDropsTheIncompleteBatch()
    {
        var order = EpochOrder.Shuffled(10, 4, seed: 1, epoch: 1);
        var again = EpochOrder.Shuffled(10, 4, seed: 1, epoch: 1);
        var next = EpochOrder.Shuffled(10, 4, seed: 1, epoch: 2);

        Assert.Equal(2, order.Batches);
        var seen = Enumerable.Range(0, 2).SelectMany(b => order.Batch(b).ToArray()).ToArray();
        Assert.Equal(8, seen.Distinct().Count());
        Assert.Equal(seen, Enumerable.Range(0, 2).SelectMany(b => again.Batch(b).ToArray()));
        Assert.NotEqual(seen, Enumerable.Range(0, 2).SelectMany(b => next.Batch(b).ToArray()));
        Assert.Equal(3, EpochOrder.Sequential(10, 4).Batches);
        Assert.Equal([8, 9], EpochOrder.Sequential(10, 4).Batch(2).ToArray());
    }

    /// <summary>Returns the given values in turn, each as an offset from the lower bound asked for.</summary>
    private sealed class FixedRandom(int[] values) : Random
    {
        private int _next;

        public override int Next(int minValue, int maxValue) => minValue + values[_next++];

        public override int Next(int maxValue) => values[_next++];
    }
}
