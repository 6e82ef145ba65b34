using System.Buffers.Binary;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Api.Tests.Support;

/// <summary>Small images, good and bad, made in memory.</summary>
public static class TestImages
{
    public static byte[] Png(int width, int height, int seed = 0)
    {
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 20 + seed), (byte)(y * 30 + seed), (byte)(x + y + seed * 7));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    /// <summary>A JPEG photo in miniature: smooth colour gradients under a bright disc off centre, so a crop sees something else than the whole.</summary>
    public static byte[] Photo(int width, int height, int seed = 0)
    {
        using var image = new Image<Rgb24>(width, height);
        var (cx, cy, r) = (width * 0.3, height * 0.6, Math.Min(width, height) * 0.25);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
                image[x, y] = disc ? new Rgb24(240, 230, (byte)(200 + seed))
                    : new Rgb24((byte)(255 * x / width), (byte)(255 * y / height), (byte)((x * 7 + y * 3 + seed * 11) % 256));
            }
        using var buffer = new MemoryStream();
        image.SaveAsJpeg(buffer, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 90 });
        return buffer.ToArray();
    }

    /// <summary>Every pixel the same grey.</summary>
    public static byte[] Uniform(int width, int height, byte value)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(value, value, value));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    public static byte[] Truncated(byte[] image) => image[..(image.Length / 2)];

    public static byte[] NotAnImage() => Encoding.UTF8.GetBytes("this is plain text, not pixels");

    /// <summary>A valid PNG header (signature, IHDR with a correct CRC, IEND) that claims the given size and holds no pixels.</summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        using var buffer = new MemoryStream();
        buffer.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        WriteChunk(buffer, "IHDR", header);
        WriteChunk(buffer, "IEND", []);
        return buffer.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
