using Microsoft.Extensions.Options;

namespace ResNetService.Api.Classification;

/// <summary>
/// Decoding an upload costs memory in proportion to its pixels, so only as many requests decode at once as there are
/// cores; the others wait their turn, and one that waits longer than <see cref="ClassificationOptions.DecodeWait"/>
/// is answered 503 rather than piling up.
/// </summary>
public sealed class DecodeSlots(IOptions<ClassificationOptions> options)
{
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount);

    /// <returns>The slot, to dispose when decoding is done; null when none came free in time.</returns>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken) =>
        await _slots.WaitAsync(options.Value.DecodeWait, cancellationToken) ? new Slot(_slots) : null;

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release();
        }
    }
}
