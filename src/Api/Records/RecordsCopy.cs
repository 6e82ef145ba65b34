using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace ResNetService.Api.Records;

/// <summary>
/// Copies every record from one records database to another, in one transaction: how an installation moves from the
/// embedded SQLite file to PostgreSQL. The files on the data volume stay where they are; the records name them
/// relative to the data root.
/// </summary>
public static class RecordsCopy
{
    /// <returns>Rows copied per table.</returns>
    /// <exception cref="InvalidOperationException">The target already holds records.</exception>
    public static IReadOnlyDictionary<string, int> Copy(RecordsDatabase from, RecordsDatabase to)
    {
        using var source = from.Open();
        from.Migrate(source, NullLogger.Instance);
        using var target = to.Open();
        to.Migrate(target, NullLogger.Instance);
        if (target.Datasets.Any() || target.Runs.Any() || target.Models.Any())
            throw new InvalidOperationException($"{to.Description} already holds records; copy only into an empty one.");

        using var transaction = target.Database.BeginTransaction();
        var counts = new Dictionary<string, int>
        {
            ["datasets"] = Add(target, source.Datasets.AsNoTracking().ToList()),
            ["dataset_health"] = Add(target, source.DatasetHealth.AsNoTracking().ToList()),
            ["sweeps"] = Add(target, source.Sweeps.AsNoTracking().ToList()),
            ["runs"] = Add(target, source.Runs.AsNoTracking().ToList()),
            ["run_epochs"] = Add(target, source.Epochs.AsNoTracking().ToList()),
            ["models"] = Add(target, source.Models.AsNoTracking().ToList()),
            ["settings"] = Add(target, source.Settings.AsNoTracking().ToList()),
        };
        target.SaveChanges();
        transaction.Commit();
        return counts;
    }

    private static int Add<T>(RecordsDbContext target, List<T> rows) where T : class
    {
        target.Set<T>().AddRange(rows);
        return rows.Count;
    }
}
