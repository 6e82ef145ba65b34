using System.Buffers.Binary;
using ResNetService.Model.Architecture;
using ResNetService.Training.Data;

namespace ResNetService.Training.Synthetic;

/// <summary>Writes a <see cref="SyntheticImageSource"/> task as an MNIST-style IDX dataset (grayscale) that the dataset reader opens.</summary>
public static class SyntheticDatasetWriter
{
    public static void WriteIdx(string folder, int trainCount, int testCount, int classes, int side, int seed)
    {
        var shape = new ImageShape(1, side, side);
        WriteIdx(folder, new SyntheticImageSource(trainCount, classes, shape, seed), new SyntheticImageSource(testCount, classes, shape, seed + 1), shape);
    }

    /// <summary>Any two grayscale sources (a subset of a synthetic task, say) as the train and test splits.</summary>
    public static void WriteIdx(string folder, IImageSource train, IImageSource test, ImageShape shape)
    {
        if (shape.Channels != 1)
            throw new ArgumentException("IDX datasets are grayscale.", nameof(shape));
        Directory.CreateDirectory(folder);
        Write(folder, "train", train, shape);
        Write(folder, "t10k", test, shape);
    }

    private static void Write(string folder, string prefix, IImageSource source, ImageShape shape)
    {
        var images = new byte[16 + source.Count * shape.ByteCount];
        BinaryPrimitives.WriteInt32BigEndian(images, 2051);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), source.Count);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), shape.Height);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), shape.Width);
        var labels = new byte[8 + source.Count];
        BinaryPrimitives.WriteInt32BigEndian(labels, 2049);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), source.Count);
        for (var i = 0; i < source.Count; i++)
        {
            source.ReadInto(i, shape.Channels, shape.Height, shape.Width, images.AsSpan(16 + i * shape.ByteCount, shape.ByteCount));
            labels[8 + i] = (byte)source.LabelAt(i);
        }
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), images);
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), labels);
    }
}
