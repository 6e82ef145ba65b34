namespace ResNetService.Api.Classification;

/// <summary>A loaded model's forward pass for /classify, run only on the inference thread.</summary>
public interface IInferenceEngine : IDisposable
{
    ClassificationEngine Kind { get; }

    /// <param name="pixels"><paramref name="images"/> images of C×H×W bytes, back to back, as training's decoder makes them.</param>
    /// <returns>Class probabilities, image after image.</returns>
    float[] Probabilities(byte[] pixels, int images);
}
