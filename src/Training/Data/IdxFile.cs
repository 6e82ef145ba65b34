using System.Buffers.Binary;
using System.IO.Compression;

namespace ResNetService.Training.Data;

/// <summary>Reads one MNIST-style IDX file (optionally gzipped) and checks it against its own header.</summary>
internal static class IdxFile
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;

    public sealed record Images(byte[] Pixels, int Count, int Rows, int Columns);

    public static Images ReadImages(string path)
    {
        using var stream = Open(path);
        var header = ReadHeader(stream, path, ImagesMagic, dimensions: 3, "images, unsigned bytes, 3 dimensions");
        var (count, rows, columns) = (header[0], header[1], header[2]);
        var pixels = ReadPayload(stream, path, (long)count * rows * columns);
        return new Images(pixels, count, rows, columns);
    }

    public static byte[] ReadLabels(string path)
    {
        using var stream = Open(path);
        var header = ReadHeader(stream, path, LabelsMagic, dimensions: 1, "labels, unsigned bytes, 1 dimension");
        return ReadPayload(stream, path, header[0]);
    }

    private static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static int[] ReadHeader(Stream stream, string path, int expectedMagic, int dimensions, string meaning)
    {
        var header = new byte[4 * (1 + dimensions)];
        ReadExactly(stream, header, path, "its header");
        var magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            throw new DatasetException(
                $"'{Path.GetFileName(path)}': IDX magic number is {magic}, expected {expectedMagic} ({meaning}).");
        }

        var sizes = new int[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            sizes[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * (i + 1)));
            if (sizes[i] <= 0)
            {
                throw new DatasetException($"'{Path.GetFileName(path)}': IDX dimension {i} is {sizes[i]}, must be positive.");
            }
        }

        return sizes;
    }

    private static byte[] ReadPayload(Stream stream, string path, long length)
    {
        if (length > Array.MaxLength)
        {
            throw new DatasetException($"'{Path.GetFileName(path)}': the IDX header declares {length} bytes of data, too many to load.");
        }

        var payload = new byte[length];
        ReadExactly(stream, payload, path, $"the {length} data bytes its header declares");
        if (stream.ReadByte() != -1)
        {
            throw new DatasetException(
                $"'{Path.GetFileName(path)}' is longer than the {length} data bytes its header declares.");
        }

        return payload;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string path, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException exception)
        {
            throw new DatasetException($"'{Path.GetFileName(path)}' is shorter than {what}.", exception);
        }
        catch (InvalidDataException exception)
        {
            throw new DatasetException($"'{Path.GetFileName(path)}' is not valid gzip: {exception.Message}", exception);
        }
    }
}
