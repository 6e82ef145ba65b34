using ResNetService.Api.Jobs;
using ResNetService.Api.Records;

namespace ResNetService.Api.Tests;

/// <summary>What a job allows is said by the job itself, so a client need not know the state machine.</summary>
public sealed class JobDetailsTests
{
    private static JobDetails Job(JobState state, bool cancelRequested = false) => JobDetails.Of(new RunRow
    {
        Id = "j", Name = "j", DatasetId = "d", Model = new() { Depth = 8 }, Training = new(), State = state, CreatedAt = DateTimeOffset.UnixEpoch,
        CancelRequested = cancelRequested,
    }, null);

    [Theory]
    [InlineData(JobState.Queued, false, true, false)]
    [InlineData(JobState.Running, false, true, false)]
    [InlineData(JobState.Interrupted, false, true, true)]
    [InlineData(JobState.Succeeded, true, false, false)]
    [InlineData(JobState.Failed, true, false, true)]
    [InlineData(JobState.Cancelled, true, false, true)]
    public void EachStateSaysWhetherTheJobIsFinishedAndWhatItAllows(JobState state, bool finished, bool canCancel, bool canResume)
    {
        var job = Job(state);

        Assert.Equal(finished, job.Finished);
        Assert.Equal(canCancel, job.CanCancel);
        Assert.Equal(canResume, job.CanResume);
    }

    [Fact]
    public void AJobWhoseCancellationIsOnItsWayCannotBeCancelledAgain() => Assert.False(Job(JobState.Running, cancelRequested: true).CanCancel);

    [Fact]
    public void TheTimeLeftIsAlsoGivenInSeconds()
    {
        var progress = new JobProgress(1, 2, 3, 4, 50, 10, TimeSpan.FromMinutes(2.5));

        Assert.Equal(150, progress.EtaSeconds);
        Assert.Null((progress with { Eta = null }).EtaSeconds);
    }
}
