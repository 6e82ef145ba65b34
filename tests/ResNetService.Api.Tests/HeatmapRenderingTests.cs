using ResNetService.Api.Classification;
using ResNetService.Model.Explanation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Api.Tests;

public sealed class HeatmapRenderingTests
{
    /// <summary>All the evidence in the left half of a 4×4 grid.</summary>
    private static readonly ClassActivationMap LeftHalf = new(0, 4, 4,
        Enumerable.Range(0, 16).Select(i => i % 4 < 2 ? 1f : 0f).ToArray());

    [Fact]
    public void OverlayKeepsTheImagesSizeAndWarmsWhereTheEvidenceIs()
    {
        using var gray = new Image<Rgb24>(60, 30, new Rgb24(128, 128, 128));

        using var overlay = HeatmapRendering.Overlay(gray, LeftHalf, opacity: 0.5f);

        Assert.Equal((60, 30), (overlay.Width, overlay.Height));
        var left = overlay[5, 15];
        var right = overlay[55, 15];
        Assert.True(left.R > left.B, $"left {left}");
        Assert.True(right.B > right.R, $"right {right}");
        Assert.Equal(new Rgb24(128, 128, 128), gray[5, 15]);
    }

    [Fact]
    public void OpacityZeroLeavesTheImageAsItWas()
    {
        using var image = new Image<Rgb24>(8, 8, new Rgb24(10, 200, 30));

        using var overlay = HeatmapRendering.Overlay(image, LeftHalf, opacity: 0f);

        Assert.Equal(new Rgb24(10, 200, 30), overlay[1, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => HeatmapRendering.Overlay(image, LeftHalf, opacity: 1.5f));
    }

    [Fact]
    public void PngIsTheAskedSize()
    {
        using var png = Image.Load<Rgb24>(HeatmapRendering.Png(LeftHalf, 32, 24));

        Assert.Equal((32, 24), (png.Width, png.Height));
        Assert.NotEqual(png[0, 12], png[31, 12]);
    }
}
