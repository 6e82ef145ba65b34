using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Training.Tests.Data;

/// <summary>Writes small PNG and JPEG files with known pixels.</summary>
public static class TestImages
{
    public static Rgb24 Pattern(int x, int y, int seed) => new((byte)((x * 20) + seed), (byte)((y * 30) + seed), (byte)(x + y + seed));

    public static void ColourPng(string path, int width, int height, int seed = 0)
    {
        using var image = new Image<Rgb24>(width, height);
        Fill(image, (x, y) => Pattern(x, y, seed));
        Save(path, image, new PngEncoder { ColorType = PngColorType.Rgb });
    }

    public static void GrayPng(string path, int width, int height, Func<int, int, byte> value)
    {
        using var image = new Image<L8>(width, height);
        Fill(image, (x, y) => new L8(value(x, y)));
        Save(path, image, new PngEncoder { ColorType = PngColorType.Grayscale });
    }

    public static void SolidJpeg(string path, int width, int height, Rgb24 colour, bool grayscale = false)
    {
        using var image = new Image<Rgb24>(width, height, colour);
        Save(path, image, new JpegEncoder { Quality = 100, ColorType = grayscale ? JpegColorType.Luminance : JpegColorType.YCbCrRatio444 });
    }

    /// <summary>A photo-sized JPEG of vertical black and white stripes <paramref name="stripe"/> pixels wide: detail that any downscale first blurs away.</summary>
    public static void StripedJpeg(string path, int width, int height, int stripe = 2)
    {
        using var image = new Image<Rgb24>(width, height);
        Fill(image, (x, _) => x / stripe % 2 == 0 ? new Rgb24(0, 0, 0) : new Rgb24(255, 255, 255));
        Save(path, image, new JpegEncoder { Quality = 95, ColorType = JpegColorType.YCbCrRatio444 });
    }

    private static void Fill<TPixel>(Image<TPixel> image, Func<int, int, TPixel> pixel)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = pixel(x, y);
            }
        }
    }

    private static void Save(string path, Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        image.Save(path, encoder);
    }
}
