using ResNetService.Training.Data;

namespace ResNetService.Training.Tests.Data;

public sealed class StratifiedSplitTests
{
    private static readonly int[] Labels = [.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 3), 3];

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        var first = StratifiedSplit.Split(Labels, 0.2, seed: 7);
        var second = StratifiedSplit.Split(Labels, 0.2, seed: 7);
        var other = StratifiedSplit.Split(Labels, 0.2, seed: 8);

        Assert.Equal(first.Train, second.Train);
        Assert.Equal(first.Validation, second.Validation);
        Assert.NotEqual(first.Validation, other.Validation);
    }

    [Fact]
    public void Train_and_validation_are_disjoint_and_cover_every_index()
    {
        var (train, validation) = StratifiedSplit.Split(Labels, 0.2, seed: 1);

        Assert.Empty(train.Intersect(validation));
        Assert.Equal(Enumerable.Range(0, Labels.Length), train.Concat(validation).Order());
    }

    [Fact]
    public void Each_class_sends_the_rounded_fraction_to_validation_but_keeps_one_for_training()
    {
        var (train, validation) = StratifiedSplit.Split(Labels, 0.2, seed: 3);

        int CountOf(int[] indices, int label) => indices.Count(i => Labels[i] == label);
        Assert.Equal(10, CountOf(validation, 0));
        Assert.Equal(6, CountOf(validation, 1));
        Assert.Equal(1, CountOf(validation, 2));
        Assert.Equal(0, CountOf(validation, 3));
        Assert.Equal(1, CountOf(train, 3));
    }

    [Fact]
    public void A_large_fraction_still_leaves_one_training_sample_per_class()
    {
        var (train, _) = StratifiedSplit.Split(Labels, 0.99, seed: 3);

        Assert.Equal([0, 1, 2, 3], train.Select(i => Labels[i]).Order());
    }

    [Fact]
    public void Subset_source_maps_indices_onto_the_underlying_source()
    {
        var source = new ChwImageSourceFake([10, 11, 12, 13]);
        var subset = new SubsetImageSource(source, [3, 1]);

        Assert.Equal(2, subset.Count);
        Assert.Equal(13, subset.LabelAt(0));
        Assert.Equal("sample1", subset.NameOf(1));
        var pixel = new byte[1];
        subset.ReadInto(0, 1, 1, 1, pixel);
        Assert.Equal(3, pixel[0]);
    }

    private sealed class ChwImageSourceFake(int[] labels) : IImageSource
    {
        public int Count => labels.Length;

        public int LabelAt(int index) => labels[index];

        public string NameOf(int index) => $"sample{index}";

        public void ReadInto(int index, int channels, int height, int width, Span<byte> destination) =>
            destination.Fill((byte)index);

        public SixLabors.ImageSharp.Size ReadRegionInto(int index, ResNetService.Model.Architecture.ImageShape shape,
            ResNetService.Model.Preprocessing.IImageRegion region, Random random, Span<byte> destination)
        {
            destination.Fill((byte)index);
            return new(shape.Width, shape.Height);
        }
    }
}
