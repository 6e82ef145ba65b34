using System.Buffers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ResNetService.Model.Preprocessing;

/// <summary>Crops and resizes a decoded image (in place) and writes it as CHW bytes.</summary>
public static class ChwWriter
{
    public static void EnsureTarget(int channels, int height, int width, int destinationLength)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Must be 1 (luminance) or 3 (RGB).");
        }

        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"Image size {height}×{width} must be positive.");
        }

        if (destinationLength != channels * height * width)
        {
            throw new ArgumentException(
                $"Destination holds {destinationLength} bytes but {channels}×{height}×{width} needs {channels * height * width}.",
                nameof(destinationLength));
        }
    }

    /// <param name="region">The part of the image that becomes the output, in its coordinates; null: all of it.</param>
    public static void Write(Image<L8> image, Rectangle? region, int height, int width, Span<byte> destination)
    {
        CropAndResize(image, region, height, width);
        image.CopyPixelDataTo(destination);
    }

    /// <param name="region">The part of the image that becomes the output, in its coordinates; null: all of it.</param>
    public static void Write(Image<Rgb24> image, Rectangle? region, int height, int width, Span<byte> destination)
    {
        CropAndResize(image, region, height, width);
        var planeSize = height * width;
        var interleaved = ArrayPool<Rgb24>.Shared.Rent(planeSize);
        try
        {
            image.CopyPixelDataTo(interleaved.AsSpan(0, planeSize));
            var red = destination[..planeSize];
            var green = destination.Slice(planeSize, planeSize);
            var blue = destination.Slice(2 * planeSize, planeSize);
            for (var i = 0; i < planeSize; i++)
            {
                red[i] = interleaved[i].R;
                green[i] = interleaved[i].G;
                blue[i] = interleaved[i].B;
            }
        }
        finally
        {
            ArrayPool<Rgb24>.Shared.Return(interleaved);
        }
    }

    private static void CropAndResize(Image image, Rectangle? region, int height, int width)
    {
        var source = region ?? image.Bounds();
        if (source == image.Bounds() && image.Height == height && image.Width == width)
        {
            return;
        }

        // Resizing from a source rectangle gives the pixels of a crop followed by a resize, without copying the crop.
        image.Mutate(context => context.Resize(width, height, KnownResamplers.Triangle, source, new Rectangle(0, 0, width, height), compand: false));
    }
}
