using System.Buffers.Binary;
using System.IO.Compression;

namespace ResNetService.Training.Data.Formats;

/// <summary>
/// Reads one MNIST-style IDX file (optionally gzipped) and checks it against its own header. What the header declares
/// is never allocated on its word: a plain file's length is checked first, and a gzipped one's data is taken as it
/// decompresses, so memory follows the data the file really holds.
/// </summary>
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

        if (stream is not FileStream file)
        {
            return Decompressed(stream, path, length);
        }

        if (file.Length - file.Position != length)
        {
            throw new DatasetException(
                $"'{Path.GetFileName(path)}' holds {file.Length - file.Position} data bytes, but its header declares {length}.");
        }

        var payload = new byte[length];
        ReadExactly(stream, payload, path, $"the {length} data bytes its header declares");
        return payload;
    }

    /// <summary>The declared bytes of a gzipped file, read in chunks so that only what really arrives is held.</summary>
    private static byte[] Decompressed(Stream stream, string path, long length)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 20];
        while (buffer.Length < length)
        {
            var read = ReadChunk(stream, chunk.AsSpan(0, (int)Math.Min(chunk.Length, length - buffer.Length)), path);
            if (read == 0)
            {
                throw new DatasetException($"'{Path.GetFileName(path)}' is shorter than the {length} data bytes its header declares.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (ReadChunk(stream, chunk.AsSpan(0, 1), path) != 0)
        {
            throw new DatasetException($"'{Path.GetFileName(path)}' is longer than the {length} data bytes its header declares.");
        }

        return buffer.ToArray();
    }

    private static int ReadChunk(Stream stream, Span<byte> chunk, string path)
    {
        try
        {
            return stream.Read(chunk);
        }
        catch (InvalidDataException exception)
        {
            throw new DatasetException($"'{Path.GetFileName(path)}' is not valid gzip: {exception.Message}", exception);
        }
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
