using System.Collections.Concurrent;
using System.Diagnostics;
using ResNetService.Api.Records;

namespace ResNetService.Api.Models;

/// <summary>
/// The record of the model a /classify request names, or of the default one, read from the records at most once per
/// <see cref="FreshFor"/> for each: under load the database would otherwise answer two queries per request. A model
/// published, pinned elsewhere or deleted is seen within that time; a pin or deletion through this process at once.
/// </summary>
public sealed class ModelLookup(ModelStore store)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);
    private const int MaxEntries = 64;
    private const string DefaultKey = "";
    private readonly ConcurrentDictionary<string, (ModelRow Row, long ReadAt)> _rows = new();

    /// <returns>The named model, or the default when <paramref name="id"/> is null; null when there is none.</returns>
    public ModelRow? Find(string? id)
    {
        var key = id ?? DefaultKey;
        if (_rows.TryGetValue(key, out var cached) && Stopwatch.GetElapsedTime(cached.ReadAt) < FreshFor)
            return cached.Row;
        var row = id is null ? store.Default() : store.Get(id);
        if (row is null)
        {
            _rows.TryRemove(key, out _);
            return null;
        }
        // Ids come from requests: never let them grow the map without bound.
        if (_rows.Count >= MaxEntries)
            _rows.Clear();
        _rows[key] = (row, Stopwatch.GetTimestamp());
        return row;
    }

    /// <summary>After a model was pinned or deleted through this process: it, and whichever is the default, are read again.</summary>
    public void Forget(string id)
    {
        _rows.TryRemove(id, out _);
        _rows.TryRemove(DefaultKey, out _);
    }
}
