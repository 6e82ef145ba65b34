using ResNetService.Model.Architecture;

namespace ResNetService.Api.Classification;

/// <summary>
/// How many images warm-up runs through a model at once: the batch requests will share, unless a model with very
/// large inputs would need more memory for it than <see cref="ClassificationOptions.WarmupMemoryBytes"/>.
/// </summary>
public static class WarmupBatch
{
    /// <summary>A residual unit holds its input, its activations, its branch and its shortcut at the same time.</summary>
    private const int LiveActivations = 4;

    public static int Size(ResNetConfig config, int maxBatchImages, long memoryBytes) =>
        (int)Math.Clamp(memoryBytes / BytesPerImage(config), 1, maxBatchImages);

    /// <summary>The image's bytes and their float copy, plus the largest activations a forward pass holds at once.</summary>
    public static long BytesPerImage(ResNetConfig config)
    {
        var pixels = (long)config.InputChannels * config.InputHeight * config.InputWidth;
        var largest = ArchitectureSummary.Of(config).Layers.Max(l => l.OutputShape.Aggregate(1L, (a, b) => a * b));
        return pixels * (1 + sizeof(float)) + LiveActivations * largest * sizeof(float);
    }
}
