using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;
using ResNetService.Model.Architecture;
using ResNetService.Training.Data;

namespace ResNetService.Api.Tests.Support;

/// <summary>Runs written straight into the records, for tests of what happens to them rather than of their training.</summary>
public static class RecordedRuns
{
    /// <summary>A dataset record with no files behind it: a run is recorded only on a dataset that exists.</summary>
    /// <returns>Its id.</returns>
    public static string NewDataset(RecordsDatabase database)
    {
        var id = ResourceIds.New();
        using var db = database.Open();
        db.Datasets.Add(new DatasetRow
        {
            Id = id, Name = "recorded", CreatedAt = DateTimeOffset.UtcNow,
            Manifest = new DatasetManifest("image-folder", ["a", "b"], new Dictionary<string, SplitCounts> { ["train"] = new(2, [1, 1]) },
                new ImageShape(1, 8, 8), 0, []),
        });
        db.SaveChanges();
        return id;
    }

    /// <summary>Records <paramref name="run"/>, whose dataset (and source model) must exist.</summary>
    public static RunRow Recorded(this RunStore runs, RunRow run)
    {
        Assert.Null(runs.Create(run));
        return run;
    }
}
