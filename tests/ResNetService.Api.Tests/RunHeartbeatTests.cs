using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Storage;

namespace ResNetService.Api.Tests;

public sealed class RunHeartbeatTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-heartbeat-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AWorkerThatCannotRenewItsLeaseStopsTrainingWithinALeasePeriod()
    {
        // A records database that cannot even be opened: every renewal throws.
        var unreachable = RecordsDatabase.Sqlite(Path.Combine(_folder, "missing-folder", "records.db"));
        var leases = new RunLeases(unreachable, Options.Create(new JobsOptions { LeaseDuration = TimeSpan.FromSeconds(2) }));
        var claimed = Stopwatch.GetTimestamp();
        using var heartbeat = new RunHeartbeat(leases, new RunLease(ResourceIds.New(), "owner", 1), claimed, CancellationToken.None, NullLogger.Instance);
        Assert.True(heartbeat.Holds);

        Assert.True(heartbeat.Token.WaitHandle.WaitOne(leases.Duration + TimeSpan.FromSeconds(5)), "the training was not stopped");

        // Not before the lease could have expired: until then it is still this worker's.
        Assert.True(Stopwatch.GetElapsedTime(claimed) >= leases.Duration);
        Assert.True(heartbeat.LeaseLost);
        Assert.False(heartbeat.Holds);
    }
}
