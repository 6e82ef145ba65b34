using System.Globalization;
using System.Text.Json;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Model.Export;

/// <summary>
/// What an exported model expects of its input, as ONNX metadata properties (onnxruntime's
/// <c>custom_metadata_map</c>), so the file alone is enough to use it: the same steps /classify takes.
/// </summary>
public static class OnnxPreprocessing
{
    public static IEnumerable<(string Key, string Value)> Properties(ModelDescription description)
    {
        var a = description.Architecture;
        var resize = EvalTransformText.Resize(description.EvalTransform, a.Input);
        yield return ("classes", JsonSerializer.Serialize(description.Classes));
        yield return ("input_layout", "NCHW");
        yield return ("channel_order", a.InputChannels == 1 ? "L" : a.InputChannels == 3 ? "RGB" : $"{a.InputChannels} channels");
        yield return ("resize", $"{a.InputWidth}x{a.InputHeight}");
        yield return ("eval_transform", EvalTransformText.Name(description.EvalTransform));
        if (description.EvalTransform == EvalTransform.CenterCrop)
            yield return ("crop_fraction", CenterCrop.CropFraction.ToString("R", CultureInfo.InvariantCulture));
        yield return ("resize_method", resize);
        yield return ("scale", "1/255");
        yield return ("mean", Numbers(description.Normalization.Mean));
        yield return ("std", Numbers(description.Normalization.Std));
        yield return ("preprocessing",
            $"Decode the image as {(a.InputChannels == 1 ? "grayscale (luminance)" : "RGB")}, resize it to {a.InputWidth}x{a.InputHeight} "
            + $"(width x height): {resize}; lay it out channel by channel (C, H, W), divide by 255, subtract 'mean' and divide by 'std' "
            + $"per channel, and stack images into a float32 N x {a.InputChannels} x {a.InputHeight} x {a.InputWidth} tensor named "
            + $"'{OnnxModel.InputName}'. The output '{OnnxModel.OutputName}' holds each image's class probabilities in the order of 'classes'.");
    }

    /// <summary>A JSON array with each float's shortest round-tripping form.</summary>
    private static string Numbers(IReadOnlyList<float> values) =>
        $"[{string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]";
}
