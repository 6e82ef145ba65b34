using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Export;
using ResNetService.Model.Preprocessing;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// The model's ONNX export (<see cref="OnnxModel"/>: the network's exact graph, softmax included) run by an ONNX
/// Runtime session with every graph optimisation, its threads as many as the cores this process may use. The input
/// is normalised here with the arithmetic <see cref="InputTransfer"/> uses (float pixel minus mean×255, over std×255),
/// so both engines see the same floats.
/// </summary>
public sealed class OnnxRuntimeEngine : IInferenceEngine
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly float[] _mean;
    private readonly float[] _std;
    private readonly int _planeSize;
    private readonly long[] _sampleShape;
    private readonly int _classes;
    private float[] _input = [];

    public OnnxRuntimeEngine(string onnxPath, ModelDescription description, Device device)
    {
        var a = description.Architecture;
        _mean = description.Normalization.Mean.Select(m => m * 255f).ToArray();
        _std = description.Normalization.Std.Select(s => s * 255f).ToArray();
        _planeSize = a.InputHeight * a.InputWidth;
        _sampleShape = [a.InputChannels, a.InputHeight, a.InputWidth];
        _classes = a.Classes;
        using var options = SessionOptionsFor(device);
        _session = new InferenceSession(onnxPath, options);
    }

    public ClassificationEngine Kind => ClassificationEngine.OnnxRuntime;

    public float[] Probabilities(byte[] pixels, int images)
    {
        if (_input.Length < pixels.Length)
            _input = new float[pixels.Length];
        var planes = pixels.Length / _planeSize;
        var channels = _mean.Length;
        for (var plane = 0; plane < planes; plane++)
        {
            var (mean, std) = (_mean[plane % channels], _std[plane % channels]);
            var start = plane * _planeSize;
            for (var i = start; i < start + _planeSize; i++)
                _input[i] = (pixels[i] - mean) / std;
        }
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(0, pixels.Length), [images, .. _sampleShape]);
        using var outputs = _session.Run(_run, [OnnxModel.InputName], [input], [OnnxModel.OutputName]);
        var probabilities = outputs[0].GetTensorDataAsSpan<float>();
        return probabilities[..(images * _classes)].ToArray();
    }

    private static SessionOptions SessionOptionsFor(Device device)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        // Written for the Microsoft.ML.OnnxRuntime.Gpu.Linux build (TorchBackend=cuda) and not run on the project's
        // machines; the CPU build's native library has no CUDA provider and refuses here.
        if (device.type == TorchSharp.DeviceType.CUDA)
            options.AppendExecutionProvider_CUDA(Math.Max(device.index, 0));
        return options;
    }

    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }
}
