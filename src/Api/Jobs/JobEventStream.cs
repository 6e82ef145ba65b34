using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ResNetService.Api.Runs;
using ResNetService.Training.Evaluation;

namespace ResNetService.Api.Jobs;

/// <summary>
/// The events of <c>GET /jobs/{id}/events</c>: the run's record is read every <see cref="Interval"/> and only what
/// changed is sent, so the stream works whichever process trains the run. <c>epoch</c> carries one epoch's metrics (again
/// when a resumed run records that epoch anew); <c>job</c> the job as <c>GET /jobs/{id}</c> answers it. The stream ends
/// after the <c>job</c> event of a finished state, or when the caller may no longer read (its key was revoked), which is
/// asked before every reading.
/// </summary>
public static class JobEventStream
{
    public const string JobEvent = "job";
    public const string EpochEvent = "epoch";
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public static async IAsyncEnumerable<SseItem<string>> Read(string id, RunStore runs, JsonSerializerOptions json, Func<bool> mayRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sentEpochs = new Dictionary<int, EpochMetrics>();
        string? sentJob = null;
        while (!cancellationToken.IsCancellationRequested && mayRead() && runs.Get(id) is { } run)
        {
            var history = runs.Metrics(id);
            foreach (var epoch in history.Where(e => !sentEpochs.TryGetValue(e.Epoch, out var sent) || sent != e))
            {
                sentEpochs[epoch.Epoch] = epoch;
                yield return new SseItem<string>(JsonSerializer.Serialize(epoch, json), EpochEvent);
            }
            var job = JsonSerializer.Serialize(JobDetails.Of(run, history.Count > 0 ? history[^1] : null), json);
            if (job != sentJob)
            {
                sentJob = job;
                yield return new SseItem<string>(job, JobEvent);
            }
            if (JobTransitions.IsFinished(run.State) || !await Wait(cancellationToken))
                yield break;
        }
    }

    /// <returns>False when the client has gone.</returns>
    private static async Task<bool> Wait(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Interval, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
