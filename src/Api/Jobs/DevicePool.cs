using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting;
using ResNetService.Model;
using TorchSharp;

namespace ResNetService.Api.Jobs;

/// <summary>
/// Hands each running job a device of its own. Under <c>auto</c> on a host with several GPUs the workers (one per
/// GPU) would otherwise all resolve to cuda:0; here the job takes the least busy device and gives it back at the end.
/// </summary>
public sealed class DevicePool
{
    private readonly string[] _devices;
    private readonly int[] _leases;

    public DevicePool(IOptions<DeviceOptions> options)
    {
        var configured = options.Value.Device;
        var auto = TorchDevices.IsAuto(configured);
        _devices = auto && torch.cuda.is_available()
            ? Enumerable.Range(0, torch.cuda.device_count()).Select(i => $"cuda:{i}").ToArray()
            : [auto ? "cpu" : configured];
        _leases = new int[_devices.Length];
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
