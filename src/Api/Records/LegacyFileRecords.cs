using System.Text.Json;
using ResNetService.Api.Storage;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Training.Data;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Records;

/// <summary>
/// Earlier versions kept their records as JSON files beside the data: <c>datasets/{id}/manifest.json</c>,
/// <c>runs/{id}/run.json</c> and <c>metrics.json</c>, <c>models/{id}/card.json</c> and <c>models/default.json</c>.
/// When the records database is new and such files exist, they are read into it once, so an upgrade keeps every
/// dataset, job and model. A run that was running is taken as interrupted: it resumes from its checkpoint.
/// </summary>
public static class LegacyFileRecords
{
    private static readonly JsonSerializerOptions Json = StorageJson.Compact;

    /// <returns>How many records were brought in (0 when the database already holds records, or there are no files).</returns>
    public static int ImportInto(RecordsDbContext db, DataRoot root)
    {
        if (db.Datasets.Any() || db.Runs.Any() || db.Models.Any())
            return 0;
        var datasets = Read<LegacyDataset>(root.Datasets, "manifest.json").Select(d => new DatasetRow
        {
            Id = d.Id, Name = d.Name, CreatedAt = d.CreatedAt, ImportedFrom = d.ImportedFrom,
            Manifest = new DatasetManifest(d.Format, d.Classes, d.Counts, d.ImageShape, d.SkippedFiles, d.Warnings),
        }).ToList();
        var runs = Read<LegacyRun>(root.Runs, "run.json").Select(r => new RunRow
        {
            Id = r.Id, Name = r.Name, DatasetId = r.DatasetId, Model = r.Model, Training = r.Training, CreatedAt = r.CreatedAt,
            State = r.State == JobState.Running ? JobState.Interrupted : r.State, StartedAt = r.StartedAt, FinishedAt = r.FinishedAt,
            Progress = r.Progress, ModelId = r.ModelId, Error = r.Error, Attempts = r.WorkerDeaths,
        }).ToList();
        var epochs = runs.SelectMany(run => ReadFile<List<EpochMetrics>>(Path.Combine(root.Runs, run.Id, "metrics.json")) is { } history
            ? history.Select(m => EpochRow.Of(run.Id, m)) : []).ToList();
        var models = Read<LegacyModel>(root.Models, "card.json").Select(m => new ModelRow
        {
            Id = m.Id, Name = m.Name, SourceRunId = m.SourceJobId, DatasetId = m.DatasetId, CreatedAt = m.CreatedAt, Description = m.Description,
            BestEpoch = m.Metrics.BestEpoch, BestValidationAccuracy = m.Metrics.BestValidationAccuracy, History = m.Metrics.History,
            Test = m.Metrics.Test, CheckpointPath = ModelRow.CheckpointPathFor(m.Id),
        }).ToList();
        db.Datasets.AddRange(datasets);
        db.Runs.AddRange(runs);
        db.Epochs.AddRange(epochs);
        db.Models.AddRange(models);
        if (ReadFile<LegacyDefault>(Path.Combine(root.Models, "default.json")) is { } pinned && models.Any(m => m.Id == pinned.ModelId))
            db.Settings.Add(new SettingRow { Key = SettingRow.DefaultModel, Value = pinned.ModelId });
        db.SaveChanges();
        return datasets.Count + runs.Count + models.Count;
    }

    private static IEnumerable<T> Read<T>(string collection, string fileName) where T : class =>
        Directory.EnumerateDirectories(collection).Where(folder => ResourceIds.IsValid(Path.GetFileName(folder)))
            .Select(folder => ReadFile<T>(Path.Combine(folder, fileName))).OfType<T>();

    /// <summary>A file that is missing or unreadable is passed over: what can be read comes in.</summary>
    private static T? ReadFile<T>(string path) where T : class
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record LegacyDataset(string Id, string Name, string Format, IReadOnlyList<string> Classes, IReadOnlyDictionary<string, SplitCounts> Counts,
        ImageShape ImageShape, int SkippedFiles, IReadOnlyList<string> Warnings, string? ImportedFrom, DateTimeOffset CreatedAt);

    private sealed record LegacyRun(string Id, string Name, string DatasetId, TrainingNetwork Model, TrainingOptions Training, JobState State,
        DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, JobProgress? Progress, string? ModelId, string? Error, int WorkerDeaths);

    private sealed record LegacyModel(string Id, string Name, string? SourceJobId, string? DatasetId, DateTimeOffset CreatedAt,
        ModelDescription Description, LegacyModelMetrics Metrics);

    private sealed record LegacyModelMetrics(int BestEpoch, double BestValidationAccuracy, IReadOnlyList<EpochMetrics> History, TestReport? Test);

    private sealed record LegacyDefault(string ModelId);
}
