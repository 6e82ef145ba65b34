using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp;

namespace ResNetService.Training.Pipeline;

/// <summary>
/// The usual large-image augmentation (torchvision's RandomResizedCrop, MXNet's random_resized_crop): a random window
/// covering a share of the original's area in <paramref name="minScale"/>–<paramref name="maxScale"/> with an aspect
/// ratio (width / height) in <paramref name="minRatio"/>–<paramref name="maxRatio"/>, chosen in the original's
/// coordinates and resized once to the input.
/// </summary>
public sealed class RandomResizedCrop(double minScale, double maxScale, double minRatio, double maxRatio) : IImageRegion
{
    private const int Attempts = 10;

    public Rectangle Choose(Size original, Random random)
    {
        var area = (double)original.Width * original.Height;
        double logMin = Math.Log(minRatio), logMax = Math.Log(maxRatio);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var target = area * (minScale + random.NextDouble() * (maxScale - minScale));
            var ratio = Math.Exp(logMin + random.NextDouble() * (logMax - logMin));
            var w = (int)Math.Round(Math.Sqrt(target * ratio));
            var h = (int)Math.Round(Math.Sqrt(target / ratio));
            if (w >= 1 && h >= 1 && w <= original.Width && h <= original.Height)
                return new Rectangle(random.Next(original.Width - w + 1), random.Next(original.Height - h + 1), w, h);
        }
        return CentreFallback(original);
    }

    /// <summary>When no draw fits: the largest centred window whose ratio lies in range.</summary>
    private Rectangle CentreFallback(Size original)
    {
        var ratio = (double)original.Width / original.Height;
        var (w, h) = ratio < minRatio ? (original.Width, (int)Math.Round(original.Width / minRatio))
            : ratio > maxRatio ? ((int)Math.Round(original.Height * maxRatio), original.Height)
            : (original.Width, original.Height);
        return new Rectangle((original.Width - w) / 2, (original.Height - h) / 2, w, h);
    }
}
