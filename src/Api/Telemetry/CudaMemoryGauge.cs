using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;

namespace ResNetService.Api.Telemetry;

/// <summary>
/// <c>resnet.cuda.memory.used</c> and <c>.total</c> per CUDA device, from NVML (libnvidia-ml, which the NVIDIA
/// Container Toolkit mounts with the <c>utility</c> capability). TorchSharp 0.107 exposes neither
/// torch.cuda.memory_allocated nor memory_reserved, so this is the device's use by every process on it (libtorch's
/// caching allocator's reserve included). Registered only where CUDA is available: never run on the project's machines.
/// </summary>
public static partial class CudaMemoryGauge
{
    private const int NvmlSuccess = 0;

    public static void Register(IMeterFactory meters, int devices)
    {
        if (nvmlInit_v2() != NvmlSuccess)
            return;
        var meter = meters.Create(ServingTelemetry.Name);
        meter.CreateObservableGauge("resnet.cuda.memory.used", () => Read(devices, m => m.Used), "By", "Device memory in use, by CUDA device.");
        meter.CreateObservableGauge("resnet.cuda.memory.total", () => Read(devices, m => m.Total), "By", "Device memory, by CUDA device.");
    }

    private static IEnumerable<Measurement<long>> Read(int devices, Func<NvmlMemory, ulong> pick)
    {
        for (var i = 0; i < devices; i++)
        {
            if (nvmlDeviceGetHandleByIndex_v2((uint)i, out var device) == NvmlSuccess && nvmlDeviceGetMemoryInfo(device, out var memory) == NvmlSuccess)
                yield return new Measurement<long>((long)pick(memory), new KeyValuePair<string, object?>("device", $"cuda:{i}"));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    [LibraryImport("libnvidia-ml.so.1")]
    private static partial int nvmlInit_v2();

    [LibraryImport("libnvidia-ml.so.1")]
    private static partial int nvmlDeviceGetHandleByIndex_v2(uint index, out nint device);

    [LibraryImport("libnvidia-ml.so.1")]
    private static partial int nvmlDeviceGetMemoryInfo(nint device, out NvmlMemory memory);
}
