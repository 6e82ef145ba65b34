using System.Collections.Concurrent;

namespace ResNetService.Api.Datasets;

/// <summary>
/// The <see cref="SampleIndex"/> of each dataset asked for, so that a samples request decodes only the images it
/// returns instead of opening the dataset and reading every image header again. A dataset's files never change under
/// its id; a deleted dataset's entry is forgotten.
/// </summary>
public sealed class SampleIndexCache
{
    private const int MaxEntries = 64;
    private readonly ConcurrentDictionary<string, Lazy<SampleIndex>> _indices = new();

    /// <param name="read">Reads the index; called once however many requests ask at the same time.</param>
    /// <exception cref="Training.Data.DatasetException">From <paramref name="read"/>; nothing is kept.</exception>
    public SampleIndex Get(string datasetId, Func<SampleIndex> read)
    {
        // Ids are checked against the records first, but every entry holds file paths: never let them grow without bound.
        if (_indices.Count >= MaxEntries && !_indices.ContainsKey(datasetId))
            _indices.Clear();
        var entry = _indices.GetOrAdd(datasetId, _ => new Lazy<SampleIndex>(read));
        try
        {
            return entry.Value;
        }
        catch
        {
            _indices.TryRemove(KeyValuePair.Create(datasetId, entry));
            throw;
        }
    }

    public void Forget(string datasetId) => _indices.TryRemove(datasetId, out _);
}
