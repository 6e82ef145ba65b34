using ResNetService.Api.Records;

namespace ResNetService.Api.Runs;

/// <summary>
/// Every state change a run may make, in one table. <see cref="RunStore.TryMove"/> applies one as a single
/// conditional update (only from a state listed here), so two processes can never both win the same change.
/// </summary>
public static class JobTransitions
{
    private static readonly Dictionary<JobState, JobState[]> Next = new()
    {
        [JobState.Queued] = [JobState.Running, JobState.Cancelled],
        [JobState.Running] = [JobState.Succeeded, JobState.Failed, JobState.Cancelled, JobState.Interrupted, JobState.Paused],
        // Handed out again after its worker stopped; or resumed, or cancelled, by a user.
        [JobState.Interrupted] = [JobState.Running, JobState.Queued, JobState.Cancelled],
        [JobState.Cancelled] = [JobState.Queued],
        [JobState.Failed] = [JobState.Queued],
        [JobState.Succeeded] = [],
        // Promoted by its sweep (or resumed by a user).
        [JobState.Paused] = [JobState.Queued],
    };

    public static bool IsAllowed(JobState from, JobState to) => Next[from].Contains(to);

    /// <summary>The states from which a run may move to <paramref name="to"/>.</summary>
    public static JobState[] From(JobState to) => Next.Where(e => e.Value.Contains(to)).Select(e => e.Key).ToArray();

    /// <summary>Nothing more happens to a run in these unless a user resumes it.</summary>
    public static bool IsFinished(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled or JobState.Paused;

    /// <summary>A user may queue the run again (POST /jobs/{id}/resume): cancelled, interrupted or failed; a paused sweep trial goes on when its sweep promotes it.</summary>
    public static bool IsResumable(JobState state) => IsAllowed(state, JobState.Queued) && state != JobState.Paused;

    /// <summary>The states <see cref="IsFinished"/> says yes to, for queries.</summary>
    public static readonly JobState[] Finished = Enum.GetValues<JobState>().Where(IsFinished).ToArray();

    /// <summary>A worker may take the run (a running one only when its lease has expired).</summary>
    public static readonly JobState[] Claimable = From(JobState.Running).Append(JobState.Running).ToArray();
}
