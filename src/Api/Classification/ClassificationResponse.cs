using System.Text.Json.Serialization;

namespace ResNetService.Api.Classification;

public sealed record ClassificationResponse(string ModelId, IReadOnlyList<ImageClassification> Results);

/// <param name="Heatmap">Only with explain=true; absent otherwise, so plain responses are unchanged.</param>
public sealed record ImageClassification(
    string FileName,
    IReadOnlyList<Prediction> Predictions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Heatmap? Heatmap = null);

public sealed record Prediction(string Label, int Index, double Probability);

/// <summary>Grad-CAM of the top class: where in the image the evidence for it was.</summary>
/// <param name="Png">A colour PNG (blue: none, red: the most) at the network's input size, Width × Height; base64 in JSON.</param>
/// <param name="Grid">The map at the last stage's resolution, rows top to bottom, scaled so the largest value is 1.</param>
public sealed record Heatmap(string Label, int Index, int Width, int Height, byte[] Png, float[][] Grid);
