using System.Buffers.Binary;
using ResNetService.Training.Data;

namespace ResNetService.Training.Synthetic;

/// <summary>Writes a <see cref="SyntheticImageSource"/> task as an MNIST-style IDX dataset (grayscale) that the dataset reader opens.</summary>
public static class SyntheticDatasetWriter
{
    public static void WriteIdx(string folder, int trainCount, int testCount, int classes, int side, int seed)
    {
        Directory.CreateDirectory(folder);
        var shape = new ImageShape(1, side, side);
        Write(folder, "train", new SyntheticImageSource(trainCount, classes, shape, seed));
        Write(folder, "t10k", new SyntheticImageSource(testCount, classes, shape, seed + 1));
    }

    private static void Write(string folder, string prefix, SyntheticImageSource source)
    {
        var shape = source.Shape;
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
