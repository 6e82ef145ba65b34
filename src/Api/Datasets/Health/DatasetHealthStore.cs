using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using ResNetService.Api.Records;
using ResNetService.Training.Health;

namespace ResNetService.Api.Datasets.Health;

/// <summary>Each dataset's health check in the records database, one row per dataset (deleted with it).</summary>
public sealed class DatasetHealthStore(RecordsDatabase database)
{
    public DatasetHealthRow? Get(string datasetId)
    {
        using var db = database.Open();
        return db.DatasetHealth.AsNoTracking().FirstOrDefault(h => h.DatasetId == datasetId);
    }

    /// <summary>The problems of the dataset's latest report, as warnings for a job trained on it; none until a report is done.</summary>
    public IReadOnlyList<string> ProblemsOf(string datasetId) =>
        Get(datasetId)?.Report?.Problems().Select(problem => $"Dataset health: {problem.Message}").ToList() ?? [];

    /// <summary>A new check waits for a worker; an earlier one's report is dropped.</summary>
    public DatasetHealthRow Queue(string datasetId)
    {
        using var db = database.Open();
        var row = db.DatasetHealth.FirstOrDefault(h => h.DatasetId == datasetId);
        if (row is null)
        {
            row = new DatasetHealthRow { DatasetId = datasetId };
            db.DatasetHealth.Add(row);
        }
        (row.State, row.Scanned, row.Total, row.Report, row.Error, row.UpdatedAt) = (DatasetHealthState.Queued, 0, 0, null, null, DateTimeOffset.UtcNow);
        db.SaveChanges();
        return row;
    }

    public void Progress(string datasetId, HealthProgress progress) =>
        Update(datasetId, set => set
            .SetProperty(h => h.State, DatasetHealthState.Running)
            .SetProperty(h => h.Scanned, progress.Scanned)
            .SetProperty(h => h.Total, progress.Total));

    public void Complete(string datasetId, HealthReport report)
    {
        using var db = database.Open();
        if (db.DatasetHealth.FirstOrDefault(h => h.DatasetId == datasetId) is not { } row)
            return;
        (row.State, row.Scanned, row.Report, row.UpdatedAt) = (DatasetHealthState.Done, report.Images, report, DateTimeOffset.UtcNow);
        db.SaveChanges();
    }

    public void Fail(string datasetId, string error) =>
        Update(datasetId, set => set.SetProperty(h => h.State, DatasetHealthState.Failed).SetProperty(h => h.Error, error));

    private void Update(string datasetId, Action<UpdateSettersBuilder<DatasetHealthRow>> set)
    {
        using var db = database.Open();
        var now = DateTimeOffset.UtcNow;
        db.DatasetHealth.Where(h => h.DatasetId == datasetId).ExecuteUpdate(setters =>
        {
            set(setters);
            setters.SetProperty(h => h.UpdatedAt, now);
        });
    }
}
