using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Jobs;

/// <summary>A training job, as the API answers with it.</summary>
/// <param name="Attempts">Times a worker took the job over after the one training it died; at the limit the job fails.</param>
/// <param name="CancelRequested">A cancellation is on its way to the worker; it stops within a batch.</param>
/// <param name="FromModelId">The model the job starts from (model.from); null: from scratch.</param>
/// <param name="Sweep">For a sweep's trial: the sweep, the trial's number, its rung and the epoch it pauses at.</param>
/// <param name="ClassifierReinitialised">For a job from a model: true when the dataset's classes differ from the model's, so its classifier starts afresh; false when it carries over.</param>
public sealed record JobDetails(
    string Id,
    string Name,
    string DatasetId,
    TrainingNetwork Model,
    TrainingOptions Training,
    JobState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JobProgress? Progress,
    EpochMetrics? LatestMetrics,
    string? ModelId,
    string? Error,
    int Attempts,
    bool CancelRequested,
    string? FromModelId,
    bool? ClassifierReinitialised,
    JobSweep? Sweep)
{
    /// <summary>Nothing more happens to the job unless it is resumed or promoted: succeeded, failed, cancelled or paused.</summary>
    public bool Finished => JobTransitions.IsFinished(State);

    /// <summary>DELETE /jobs/{id} would cancel it: it is active and no cancellation is on its way.</summary>
    public bool CanCancel => !Finished && !CancelRequested;

    /// <summary>POST /jobs/{id}/resume would queue it again: it is cancelled, interrupted or failed.</summary>
    public bool CanResume => JobTransitions.IsResumable(State);

    public static JobDetails Of(RunRow r, EpochMetrics? latest) =>
        new(r.Id, r.Name, r.DatasetId, r.Model, r.Training, r.State, r.CreatedAt, r.StartedAt, r.FinishedAt, r.Progress, latest,
            r.ModelId, r.Error, r.Attempts, r.CancelRequested, r.SourceModelId, r.ClassifierReinitialised, JobSweep.Of(r));
}
