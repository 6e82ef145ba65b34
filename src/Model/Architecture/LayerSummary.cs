namespace ResNetService.Model.Architecture;

/// <summary>One row of an <see cref="ArchitectureSummary"/>: a layer or a whole residual unit.</summary>
/// <param name="OutputShape">Channels, height, width (channels only after flattening).</param>
/// <param name="Parameters">Learnable values, fixed ones included (bn_data's scale).</param>
/// <param name="TrainableParameters">What the optimiser updates.</param>
/// <param name="MultiplyAdds">Per image, convolutions and the classifier only.</param>
public sealed record LayerSummary(
    string Name,
    string Kind,
    IReadOnlyList<int> OutputShape,
    long Parameters,
    long TrainableParameters,
    long RunningStatistics,
    long MultiplyAdds);
