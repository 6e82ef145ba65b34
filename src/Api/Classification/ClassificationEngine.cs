namespace ResNetService.Api.Classification;

/// <summary>What runs a model's forward pass for /classify (Grad-CAM always runs on libtorch: it needs gradients).</summary>
public enum ClassificationEngine
{
    /// <summary>ONNX Runtime on the CPU, libtorch on a GPU (until ONNX Runtime's CUDA provider is measured there).</summary>
    Auto,
    /// <summary>The model's ONNX export run by an ONNX Runtime session (its CUDA provider on a GPU, in a TorchBackend=cuda build).</summary>
    OnnxRuntime,
    /// <summary>The TorchSharp network the checkpoint restores.</summary>
    Libtorch,
}

public static class ClassificationEngines
{
    /// <summary>The engine that serves on <paramref name="device"/> when the setting is <see cref="ClassificationEngine.Auto"/>.</summary>
    public static ClassificationEngine Resolve(ClassificationEngine setting, TorchSharp.torch.Device device) => setting switch
    {
        ClassificationEngine.Auto => device.type == TorchSharp.DeviceType.CPU ? ClassificationEngine.OnnxRuntime : ClassificationEngine.Libtorch,
        _ => setting,
    };

    /// <summary>The engine's name in logs, metrics and the CLI.</summary>
    public static string Name(ClassificationEngine engine) => engine.ToString().ToLowerInvariant();
}
