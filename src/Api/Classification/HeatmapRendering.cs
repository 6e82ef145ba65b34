using ResNetService.Model.Explanation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ResNetService.Api.Classification;

/// <summary>
/// Draws a <see cref="ClassActivationMap"/>: stretched bilinearly over the picture (each grid cell covers an equal
/// patch of the input, as the network's strides do) and coloured from blue (no evidence) through green and yellow
/// to red (the most).
/// </summary>
public static class HeatmapRendering
{
    private static readonly Rgb24[] Palette = Enumerable.Range(0, 256).Select(i => Jet(i / 255f)).ToArray();

    /// <summary>The heatmap alone, width × height.</summary>
    public static Image<Rgb24> Colorize(ClassActivationMap map, int width, int height)
    {
        var levels = map.Values.Select(v => (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255)).ToArray();
        using var grid = Image.LoadPixelData<L8>(levels, map.Width, map.Height);
        grid.Mutate(context => context.Resize(width, height, KnownResamplers.Triangle));
        var colored = new Image<Rgb24>(width, height);
        grid.ProcessPixelRows(colored, (source, target) =>
        {
            for (var y = 0; y < source.Height; y++)
            {
                var from = source.GetRowSpan(y);
                var to = target.GetRowSpan(y);
                for (var x = 0; x < from.Length; x++)
                    to[x] = Palette[from[x].PackedValue];
            }
        });
        return colored;
    }

    /// <summary>The heatmap as PNG bytes, width × height.</summary>
    public static byte[] Png(ClassActivationMap map, int width, int height)
    {
        using var image = Colorize(map, width, height);
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    /// <summary>A copy of <paramref name="image"/> with the heatmap blended over it at the image's own size.</summary>
    /// <param name="opacity">The heatmap's share of each pixel, 0 (image only) to 1 (heatmap only).</param>
    public static Image<Rgb24> Overlay(Image<Rgb24> image, ClassActivationMap map, float opacity = 0.5f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opacity, 0f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opacity, 1f);
        var result = image.Clone();
        using var heat = Colorize(map, image.Width, image.Height);
        result.ProcessPixelRows(heat, (target, source) =>
        {
            for (var y = 0; y < target.Height; y++)
            {
                var to = target.GetRowSpan(y);
                var from = source.GetRowSpan(y);
                for (var x = 0; x < to.Length; x++)
                    to[x] = new Rgb24(Blend(to[x].R, from[x].R, opacity), Blend(to[x].G, from[x].G, opacity), Blend(to[x].B, from[x].B, opacity));
            }
        });
        return result;
    }

    private static byte Blend(byte under, byte over, float opacity) => (byte)Math.Round(under + (over - under) * opacity);

    /// <summary>The classic "jet" ramp: each channel a clipped triangle, blue peaking at 1/4, green at 1/2, red at 3/4.</summary>
    private static Rgb24 Jet(float t)
    {
        static byte Channel(float centre, float t) => (byte)Math.Round(Math.Clamp(1.5f - Math.Abs(4 * t - centre), 0f, 1f) * 255);
        return new Rgb24(Channel(3, t), Channel(2, t), Channel(1, t));
    }
}
