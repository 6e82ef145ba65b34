using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Training.Engine;
using ResNetService.Training.FineTuning;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Jobs;

/// <summary>The record of the run a checked job request makes, queued (a job of its own, or a sweep's trial).</summary>
public static class NewRun
{
    /// <param name="dataset">The request's dataset (it exists: the request was checked).</param>
    /// <param name="source">The model named by <c>model.from</c>, if any.</param>
    /// <param name="name">Unset: the request's name, else the dataset's with the run's id.</param>
    /// <param name="failure">Why the run cannot train (a sweep's trial whose parameters do not go together): it is recorded as failed.</param>
    /// <param name="training">The request's training options laid over the defaults of its kind of run.</param>
    public static RunRow For(CreateJobRequest request, TrainingOptions training, DatasetRow dataset, ModelRow? source, string? name = null, SweepTrialTag? trial = null,
        string? failure = null)
    {
        var id = ResourceIds.New();
        return new RunRow
        {
            Id = id,
            Name = name ?? (string.IsNullOrWhiteSpace(request.Name) ? $"{dataset.Name}-{id[..8]}" : request.Name.Trim()),
            DatasetId = dataset.Id,
            Model = source is null ? (request.Model ?? new JobModel()).ToTrainingNetwork() : FineTuneStart.RequestFor(source.Description.Architecture),
            Training = training,
            SourceModelId = source?.Id,
            // The trainer decides by the same rule; known now, the job can say so before it runs.
            ClassifierReinitialised = source is null ? null : !FineTuneStart.KeepsClassifier(source.Description.Classes, dataset.Manifest.Classes),
            State = failure is null ? JobState.Queued : JobState.Failed, Error = failure, CreatedAt = DateTimeOffset.UtcNow,
            FinishedAt = failure is null ? null : DateTimeOffset.UtcNow,
            SweepId = trial?.SweepId, SweepTrial = trial?.Trial, SweepRung = trial is null ? null : 0,
            SweepParameters = trial?.Parameters.ToDictionary(), EpochLimit = trial?.EpochLimit,
        };
    }
}
