namespace ResNetService.Model.Architecture;

/// <summary>
/// The network a user asks for, in every request that names one (a job, an import, a summary, the command line): a
/// preset depth as MXNet's <c>get_symbol</c> takes it, or explicit units and filters. What a request adds beside it
/// (an input size, the model to start from) belongs to that request. <see cref="ResNetConfigResolver"/> resolves it
/// for an input shape and a class count.
/// </summary>
public record NetworkLayout
{
    /// <summary>A preset depth: inputs up to 32 px take 6n+2 (basic units) or 9n+2 (bottleneck), larger ones 18, 34, 50, 101, 152, 200 or 269. With units and filters, leave it out or make it agree with them.</summary>
    public int? Depth { get; init; }

    /// <summary>Bottleneck units (1x1, 3x3, 1x1) rather than basic ones (3x3, 3x3); unset: as the depth implies (basic without a depth).</summary>
    public bool? Bottleneck { get; init; }

    /// <summary>Units per stage, such as 3,4,6,3; with filters, instead of a depth.</summary>
    public IReadOnlyList<int>? Units { get; init; }

    /// <summary>The stem's width, then each stage's, such as 64,256,512,1024,2048 (one more entry than units).</summary>
    public IReadOnlyList<int>? Filters { get; init; }

    /// <summary>This layout's fields alone, whatever else the request it comes from carries, in the request type <typeparamref name="T"/>.</summary>
    public T Into<T>() where T : NetworkLayout, new() => new() { Depth = Depth, Bottleneck = Bottleneck, Units = Units, Filters = Filters };
}
