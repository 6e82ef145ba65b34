using ResNetService.Training.Data;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Training.Pipeline;

/// <summary>
/// The usual large-image augmentation: a random crop covering 8 %–100 % of the area with an aspect ratio between
/// 3/4 and 4/3, scaled back to the full size with bilinear interpolation.
/// </summary>
public sealed class RandomResizedCrop : IAugmentation
{
    private const double MinArea = 0.08;
    private const int Attempts = 10;

    public void Apply(Span<byte> sample, ImageShape shape, Random random)
    {
        var (top, left, cropHeight, cropWidth) = ChooseCrop(shape, random);
        var source = sample.ToArray();
        int height = shape.Height, width = shape.Width;
        var scaleY = (double)cropHeight / height;
        var scaleX = (double)cropWidth / width;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp(top + (y + 0.5) * scaleY - 0.5, 0, shape.Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, shape.Height - 1);
            var fy = sy - y0;
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp(left + (x + 0.5) * scaleX - 0.5, 0, shape.Width - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, shape.Width - 1);
                var fx = sx - x0;
                for (var c = 0; c < shape.Channels; c++)
                {
                    var plane = c * height * width;
                    var value =
                        (1 - fy) * ((1 - fx) * source[plane + y0 * width + x0] + fx * source[plane + y0 * width + x1])
                        + fy * ((1 - fx) * source[plane + y1 * width + x0] + fx * source[plane + y1 * width + x1]);
                    sample[plane + y * width + x] = (byte)Math.Round(value);
                }
            }
        }
    }

    private static (int Top, int Left, int Height, int Width) ChooseCrop(ImageShape shape, Random random)
    {
        var area = (double)shape.Height * shape.Width;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var target = area * (MinArea + random.NextDouble() * (1 - MinArea));
            var ratio = Math.Exp(Math.Log(3.0 / 4) + random.NextDouble() * (Math.Log(4.0 / 3) - Math.Log(3.0 / 4)));
            var w = (int)Math.Round(Math.Sqrt(target * ratio));
            var h = (int)Math.Round(Math.Sqrt(target / ratio));
            if (w >= 1 && h >= 1 && w <= shape.Width && h <= shape.Height)
                return (random.Next(shape.Height - h + 1), random.Next(shape.Width - w + 1), h, w);
        }
        return (0, 0, shape.Height, shape.Width);
    }
}
