using ResNetService.Model;
using TorchSharp;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// Hands each running job a device of its own. Under <c>auto</c> on a host with several GPUs the workers (one per
/// GPU) would otherwise all resolve to cuda:0; here the job takes the least busy device and gives it back at the end.
/// </summary>
public sealed class DevicePool
{
    private readonly string[] _devices;
    private readonly int[] _leases;

    public DevicePool(IReadOnlyList<string> devices)
    {
        _devices = [.. devices];
        _leases = new int[_devices.Length];
    }

    /// <summary>Under <c>auto</c> every GPU (else the CPU); otherwise the one configured device.</summary>
    public static DevicePool For(string configured)
    {
        var auto = TorchDevices.IsAuto(configured);
        return new DevicePool(auto && torch.cuda.is_available()
            ? Enumerable.Range(0, torch.cuda.device_count()).Select(i => $"cuda:{i}").ToArray()
            : [auto ? "cpu" : configured]);
    }

    public int Count => _devices.Length;

    public DeviceLease Lease()
    {
        lock (_leases)
        {
            var index = Array.IndexOf(_leases, _leases.Min());
            _leases[index]++;
            return new DeviceLease(_devices[index], () => { lock (_leases) _leases[index]--; });
        }
    }
}

public sealed class DeviceLease(string device, Action release) : IDisposable
{
    private Action? _release = release;

    public string Device { get; } = device;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
