using System.ComponentModel.DataAnnotations;
using ResNetService.Model;

namespace ResNetService.Api.Classification;

public sealed class ClassificationOptions : IValidatableObject
{
    public const string Section = "Classification";

    /// <summary>What runs the forward pass: auto (ONNX Runtime on the CPU, libtorch on a GPU), onnxruntime or libtorch.</summary>
    public ClassificationEngine Engine { get; set; } = ClassificationEngine.Auto;

    /// <summary>auto, cpu, cuda or cuda:N; unset: Training:Device, as before serving had a device of its own.</summary>
    public string? Device { get; set; }

    /// <summary>Queued requests are batched together up to this many images per forward pass.</summary>
    [Range(1, 4096)] public int MaxBatchImages { get; set; } = 64;

    /// <summary>
    /// What warming a model up on a full batch may take: a model with very large inputs is warmed up on a smaller batch
    /// (at least one image) that fits.
    /// </summary>
    [Range(1L << 20, long.MaxValue)] public long WarmupMemoryBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Loaded models kept in memory; the least recently used is dropped beyond this, for a model used more often of late
    /// (one used less is loaded for its batch and dropped).
    /// </summary>
    [Range(1, 64)] public int CachedModels { get; set; } = 2;

    /// <summary>Requests waiting for the inference thread; beyond this /classify answers 503.</summary>
    [Range(1, 100_000)] public int MaxQueuedRequests { get; set; } = 256;

    /// <summary>Images one /classify?explain=true request may send: each costs a heatmap on the inference thread and in the response.</summary>
    [Range(1, 4096)] public int MaxExplainImages { get; set; } = 8;

    /// <summary>How long a request may wait for a decoding slot (one per core) before it is answered 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DecodeWait { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TorchDevices.IsValidSetting(Device))
            yield return new ValidationResult($"Device '{Device}' is not auto, cpu, cuda or cuda:N.", [nameof(Device)]);
        if (!Enum.IsDefined(Engine))
            yield return new ValidationResult($"Engine '{Engine}' is not auto, onnxruntime or libtorch.", [nameof(Engine)]);
    }
}
