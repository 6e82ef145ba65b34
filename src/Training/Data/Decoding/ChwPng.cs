using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Training.Data.Decoding;

/// <summary>A CHW sample as a PNG file, to show a person what a dataset holds.</summary>
public static class ChwPng
{
    public static byte[] Encode(ReadOnlySpan<byte> chw, ImageShape shape)
    {
        using var output = new MemoryStream();
        if (shape.Channels == 1)
        {
            using var gray = Image.LoadPixelData<L8>(DecodingConfiguration.Instance, chw[..shape.ByteCount], shape.Width, shape.Height);
            gray.SaveAsPng(output);
        }
        else
        {
            using var rgb = ChwConversion.ToRgbImage(chw, shape);
            rgb.SaveAsPng(output);
        }
        return output.ToArray();
    }
}
