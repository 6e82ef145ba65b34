using System.Buffers.Binary;
using System.IO.Compression;

namespace ResNetService.Training.Tests.Data;

/// <summary>Builds the bytes of small IDX and CIFAR files.</summary>
public static class DatasetFileWriters
{
    public static byte[] IdxImages(int count, int rows, int columns, Func<int, int, byte> pixel, int magic = 2051)
    {
        var bytes = new byte[16 + (count * rows * columns)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (var i = 0; i < count; i++)
        {
            for (var p = 0; p < rows * columns; p++)
            {
                bytes[16 + (i * rows * columns) + p] = pixel(i, p);
            }
        }

        return bytes;
    }

    public static byte[] IdxLabels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 2049);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>CIFAR records whose pixel p of record r is (r + p) mod 256.</summary>
    public static byte[] CifarRecords(int labelBytes, params byte[] labels)
    {
        var recordSize = labelBytes + 3072;
        var bytes = new byte[labels.Length * recordSize];
        for (var r = 0; r < labels.Length; r++)
        {
            var record = bytes.AsSpan(r * recordSize, recordSize);
            record[labelBytes - 1] = labels[r];
            for (var p = 0; p < 3072; p++)
            {
                record[labelBytes + p] = CifarPixel(r, p);
            }
        }

        return bytes;
    }

    public static byte CifarPixel(int record, int pixel) => (byte)((record + pixel) % 256);
}
