using ResNetService.Model.Architecture;

namespace ResNetService.Model.Preprocessing;

/// <summary>The evaluation transform in words, for the model's details and the ONNX export's metadata alike.</summary>
public static class EvalTransformText
{
    /// <summary>The name a model's JSON and the export use: squash or centerCrop.</summary>
    public static string Name(EvalTransform transform) => transform == EvalTransform.CenterCrop ? "centerCrop" : "squash";

    public static string Resize(EvalTransform transform, ImageShape input) => transform == EvalTransform.CenterCrop
        ? FormattableString.Invariant(
            $"scale the image so that it covers {input.Width / CenterCrop.CropFraction:0.#}x{input.Height / CenterCrop.CropFraction:0.#} (for a square input: its shorter side to input / {CenterCrop.CropFraction}), keep the centred {input.Width}x{input.Height} window; bilinear (triangle filter), one resize of that window of the original")
        : $"bilinear (triangle filter), the whole image to exactly {input.Width}x{input.Height} (aspect ratio not kept)";
}
