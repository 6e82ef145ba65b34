namespace ResNetService.Api.Classification;

/// <summary>
/// A model for one use on the inference thread. A model the cache did not keep (it is used less than the ones it holds)
/// is disposed when the lease is; a cached one stays.
/// </summary>
/// <param name="Loaded">Whether it was loaded for this use.</param>
/// <param name="Kept">Whether the cache keeps it after this use.</param>
public sealed record ModelLease(ServedModel Model, bool Loaded, bool Kept) : IDisposable
{
    public void Dispose()
    {
        if (!Kept)
            Model.Dispose();
    }
}
