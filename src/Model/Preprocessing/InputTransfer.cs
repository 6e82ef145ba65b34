using ResNetService.Model.Architecture;
using static TorchSharp.torch;

namespace ResNetService.Model.Preprocessing;

/// <summary>
/// Turns a host batch into the network's input on the device: uint8 goes over the bus (a quarter of float's size),
/// then becomes float and is normalised with the training split's per-channel mean and std.
/// The same arithmetic serves training, evaluation and /classify, so they all see identical inputs.
/// </summary>
public sealed class InputTransfer : IDisposable
{
    private readonly Tensor _mean;
    private readonly Tensor _std;
    private readonly long[] _sampleShape;

    public InputTransfer(ImageShape shape, InputNormalization normalization, Device device)
    {
        Device = device;
        _sampleShape = [shape.Channels, shape.Height, shape.Width];
        // Pixels stay in 0..255, so the statistics (measured on 0..1) are scaled up instead of every pixel down.
        _mean = tensor(normalization.Mean.Select(m => m * 255f).ToArray(), [1, shape.Channels, 1, 1], device: device);
        _std = tensor(normalization.Std.Select(s => s * 255f).ToArray(), [1, shape.Channels, 1, 1], device: device);
    }

    public Device Device { get; }

    public Tensor Images(byte[] pixels, int count)
    {
        using var bytes = tensor(pixels, [count, .. _sampleShape]);
        using var onDevice = bytes.to(Device);
        return onDevice.to_type(ScalarType.Float32).sub_(_mean).div_(_std);
    }

    public Tensor Labels(long[] labels)
    {
        using var host = tensor(labels);
        return host.to(Device);
    }

    public void Dispose()
    {
        _mean.Dispose();
        _std.Dispose();
    }
}
