using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace ResNetService.Api.Tests.Support;

/// <summary>What an ONNX Runtime user does with an exported model once the image is at the input size, from its metadata alone.</summary>
public static class OnnxInputs
{
    /// <summary>Scales the RGB image to 0..1, normalises it with the metadata's mean and std, and runs the network.</summary>
    public static float[] Probabilities(InferenceSession session, Image<Rgb24> image)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        var mean = JsonSerializer.Deserialize<float[]>(metadata["mean"])!;
        var std = JsonSerializer.Deserialize<float[]>(metadata["std"])!;
        var input = new DenseTensor([1, 3, image.Height, image.Width]);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                byte[] channels = [image[x, y].R, image[x, y].G, image[x, y].B];
                for (var c = 0; c < 3; c++)
                    input[0, c, y, x] = (channels[c] / 255f - mean[c]) / std[c];
            }
        }
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("images", input)]);
        return results.Single(r => r.Name == "probabilities").AsEnumerable<float>().ToArray();
    }
}
