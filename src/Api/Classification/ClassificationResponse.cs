namespace ResNetService.Api.Classification;

public sealed record ClassificationResponse(string ModelId, IReadOnlyList<ImageClassification> Results);

public sealed record ImageClassification(string FileName, IReadOnlyList<Prediction> Predictions);

public sealed record Prediction(string Label, int Index, double Probability);
