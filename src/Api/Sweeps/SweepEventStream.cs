using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ResNetService.Api.Jobs;
using ResNetService.Api.Records;

namespace ResNetService.Api.Sweeps;

/// <summary>
/// The events of <c>GET /sweeps/{id}/events</c>: the sweep's records are read every <see cref="JobEventStream.Interval"/>
/// and a <c>sweep</c> event (the sweep as <c>GET /sweeps/{id}</c> answers it) is sent whenever it changed: a trial
/// started, trained an epoch, paused, was promoted or ended. The stream ends after the event of an ended sweep, or when
/// the caller may no longer read (its key was revoked).
/// </summary>
public static class SweepEventStream
{
    public const string SweepEvent = "sweep";

    public static async IAsyncEnumerable<SseItem<string>> Read(string id, SweepStore sweeps, JsonSerializerOptions json, Func<bool> mayRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? sent = null;
        while (!cancellationToken.IsCancellationRequested && mayRead() && sweeps.Get(id) is { } sweep)
        {
            var details = JsonSerializer.Serialize(sweeps.Details(sweep), json);
            if (details != sent)
            {
                sent = details;
                yield return new SseItem<string>(details, SweepEvent);
            }
            if (sweep.State != SweepState.Running)
                yield break;
            try
            {
                await Task.Delay(JobEventStream.Interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
