using System.Runtime.InteropServices;

namespace ResNetService.Model;

/// <summary>
/// Keeps glibc from handing large tensor buffers back to the kernel after every step. By default malloc serves
/// blocks over 128 KiB to 32 MiB with mmap and unmaps them on free, so each training step page-faults its activations
/// back in (measured: system time rivalled user time). Raising the mmap and trim thresholds lets freed buffers be
/// reused from the heap.
/// </summary>
public static partial class NativeMemory
{
    private const int MallocTrimThreshold = -1;
    private const int MallocMmapThreshold = -3;
    private const int MaxMmapThreshold = 32 << 20;
    private static int _applied;

    /// <summary>Applies the tuning once per process; does nothing outside Linux/glibc.</summary>
    public static void Tune()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _applied, 1) == 1)
            return;
        try
        {
            mallopt(MallocMmapThreshold, MaxMmapThreshold);
            mallopt(MallocTrimThreshold, int.MaxValue);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to tune.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int parameter, int value);
}
