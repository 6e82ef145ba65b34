using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Sources;

namespace ResNetService.Training.Tests.Data;

public sealed class InMemoryImagesTests
{
    private static readonly ImageShape Gray2x2 = new(1, 2, 2);

    [Fact]
    public void Estimate_is_count_times_sample_bytes_without_overflow()
    {
        Assert.Equal(48L, InMemoryImages.EstimateBytes(4, new ImageShape(3, 2, 2)));
        Assert.Equal(1_281_167L * 3 * 224 * 224, InMemoryImages.EstimateBytes(1_281_167, new ImageShape(3, 224, 224)));
    }

    [Fact]
    public void Loading_holds_every_sample_contiguously_with_its_label()
    {
        var source = new FakeSource(count: 50, failing: []);

        var images = InMemoryImages.Load(source, Gray2x2, maxSkippedFraction: 0, maxDegreeOfParallelism: 2);

        Assert.Equal(50, images.Count);
        Assert.Equal(200, images.Pixels.Length);
        Assert.Equal([7, 7, 7, 7], images.SampleAt(7).ToArray());
        Assert.Equal(7 % 3, images.LabelAt(7));
        Assert.Equal(0, images.SkippedSamples);
    }

    [Fact]
    public void Failed_samples_are_left_out_and_the_rest_stay_aligned_with_labels_and_names()
    {
        var source = new FakeSource(count: 10, failing: [2, 5]);

        var images = InMemoryImages.Load(source, Gray2x2, maxSkippedFraction: 0.25, maxDegreeOfParallelism: 2);

        Assert.Equal(2, images.SkippedSamples);
        Assert.Equal(8, images.Count);
        Assert.Equal(32, images.Pixels.Length);
        Assert.Equal([0, 1, 3, 4, 6, 7, 8, 9], Enumerable.Range(0, 8).Select(i => (int)images.SampleAt(i)[0]));
        Assert.Equal(6 % 3, images.LabelAt(4));
        Assert.Equal("sample6", images.NameOf(4));
    }

    [Fact]
    public void Too_many_failures_fail_the_load_naming_the_samples()
    {
        var source = new FakeSource(count: 10, failing: [2, 5]);

        var error = Assert.Throws<DatasetException>(() => InMemoryImages.Load(source, Gray2x2, maxSkippedFraction: 0.1, maxDegreeOfParallelism: 2));

        Assert.Contains("sample2", error.Message);
        Assert.Contains("sample5", error.Message);
    }

    [Fact]
    public void Reading_back_at_another_shape_converts()
    {
        var images = InMemoryImages.Load(new FakeSource(count: 2, failing: []), Gray2x2, 0, 1);

        var rgb = new byte[3 * 4 * 4];
        images.ReadInto(1, 3, 4, 4, rgb);

        Assert.All(rgb, value => Assert.Equal(1, value));
    }

    /// <summary>Sample i is filled with the byte i; listed samples fail to decode.</summary>
    private sealed class FakeSource(int count, int[] failing) : IImageSource
    {
        public int Count => count;

        public int LabelAt(int index) => index % 3;

        public string NameOf(int index) => $"sample{index}";

        public void ReadInto(int index, int channels, int height, int width, Span<byte> destination)
        {
            if (failing.Contains(index))
            {
                throw new DatasetException($"'{NameOf(index)}' cannot be decoded");
            }

            destination.Fill((byte)index);
        }

        public SixLabors.ImageSharp.Size ReadRegionInto(int index, ImageShape shape, IImageRegion region, Random random, Span<byte> destination)
        {
            ReadInto(index, shape.Channels, shape.Height, shape.Width, destination);
            return new(shape.Width, shape.Height);
        }
    }
}
