using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Pipeline;

namespace ResNetService.Training.Tests.Pipeline;

public class BatchLoaderTests
{
    private static readonly ImageShape Shape = new(1, 2, 2);

    /// <summary>A streamed split in which some files decode to nothing, as a truncated image would.</summary>
    private sealed class FlakySource(int count, IReadOnlySet<int> broken) : IImageSource
    {
        public int Count => count;

        public int LabelAt(int index) => index % 2;

        public string NameOf(int index) => $"image{index}.png";

        public void ReadInto(int index, int channels, int height, int width, Span<byte> destination)
        {
            if (broken.Contains(index))
                throw new DatasetException($"'{NameOf(index)}' cannot be decoded: truncated");
            destination.Fill((byte)index);
        }

        public SixLabors.ImageSharp.Size ReadRegionInto(int index, ImageShape shape, IImageRegion region, Random random, Span<byte> destination)
        {
            ReadInto(index, shape.Channels, shape.Height, shape.Width, destination);
            return new(shape.Width, shape.Height);
        }
    }

    /// <summary>Each pixel tells its sample and column, so a flip shows; samples below <c>slowBelow</c> are slow to read, so workers finish out of step.</summary>
    private sealed class UnevenSource(int count, int slowBelow, int failAt = -1) : IImageSource
    {
        public int Count => count;

        public int LabelAt(int index) => index % 3;

        public string NameOf(int index) => $"image{index}.png";

        public void ReadInto(int index, int channels, int height, int width, Span<byte> destination)
        {
            if (index == failAt)
                throw new InvalidOperationException("the disk went away");
            if (index < slowBelow)
                Thread.Sleep(20);
            for (var i = 0; i < destination.Length; i++)
                destination[i] = (byte)(index * destination.Length + i);
        }

        public SixLabors.ImageSharp.Size ReadRegionInto(int index, ImageShape shape, IImageRegion region, Random random, Span<byte> destination)
        {
            ReadInto(index, shape.Channels, shape.Height, shape.Width, destination);
            return new(shape.Width, shape.Height);
        }
    }

    [Fact]
    public void WhicheverWorkerPreparesABatchItIsTheSame()
    {
        var order = EpochOrder.Shuffled(48, 8, seed: 3, epoch: 2);
        List<HostBatch> Run(int workers) =>
            new BatchLoader(new UnevenSource(48, slowBelow: 8), Shape, [new HorizontalFlip()], seed: 5, workers: workers)
                .Batches(order, epoch: 2, firstBatch: 0, CancellationToken.None).ToList();

        var alone = Run(1);
        var three = Run(3);

        Assert.Equal(Enumerable.Range(0, 6), three.Select(b => b.Step));
        Assert.Equal(alone.Select(b => b.Labels), three.Select(b => b.Labels));
        Assert.Equal(alone.Select(b => b.Pixels), three.Select(b => b.Pixels));
        Assert.Contains(alone.SelectMany(b => b.Pixels.Chunk(2)), row => row[0] > row[1]);
    }

    [Fact]
    public void AFailedReadEndsTheEpochAfterTheBatchesBeforeIt()
    {
        var loader = new BatchLoader(new UnevenSource(40, slowBelow: 0, failAt: 20), Shape, [], seed: 1, workers: 2);
        var received = new List<int>();

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var batch in loader.Batches(EpochOrder.Sequential(40, 8), epoch: 1, firstBatch: 0, CancellationToken.None))
                received.Add(batch.Step);
        });

        Assert.Equal("the disk went away", error.Message);
        Assert.Equal([0, 1], received);
    }

    [Fact]
    public void EveryBatchArrivesInOrderWithItsSamples()
    {
        var loader = new BatchLoader(new FlakySource(10, new HashSet<int>()), Shape, [], seed: 1);

        var batches = loader.Batches(EpochOrder.Sequential(10, 4), epoch: 1, firstBatch: 1, CancellationToken.None).ToList();

        Assert.Equal([1, 2], batches.Select(b => b.Step));
        Assert.Equal([4L, 5, 6, 7], batches[0].Labels.Select((_, i) => (long)batches[0].Pixels[i * Shape.ByteCount]));
        Assert.Equal(2, batches[1].Count);
    }

    [Fact]
    public void AnUndecodableSampleIsLeftOutAndCounted()
    {
        var loader = new BatchLoader(new FlakySource(200, new HashSet<int> { 5 }), Shape, [], seed: 1);

        var first = loader.Batches(EpochOrder.Sequential(200, 8), epoch: 1, firstBatch: 0, CancellationToken.None).First();

        Assert.Equal(7, first.Count);
        Assert.Equal(7 * Shape.ByteCount, first.Pixels.Length);
        Assert.DoesNotContain(first.Pixels, p => p == 5);
        Assert.Equal(1, loader.SkippedSamples);
    }

    [Fact]
    public void TooManyUndecodableSamplesFailNamingThem()
    {
        var loader = new BatchLoader(new FlakySource(20, new HashSet<int> { 1, 2, 3 }), Shape, [], seed: 1, maxSkippedFraction: 0.1);

        var error = Assert.Throws<DatasetException>(() =>
            loader.Batches(EpochOrder.Sequential(20, 8), epoch: 1, firstBatch: 0, CancellationToken.None).ToList());

        Assert.Contains("image1.png", error.Message);
    }
}
