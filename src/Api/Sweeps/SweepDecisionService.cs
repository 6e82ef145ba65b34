using Microsoft.Extensions.Options;
using ResNetService.Api.Records;

namespace ResNetService.Api.Sweeps;

/// <summary>
/// Advances every running sweep, at start and then every <see cref="SweepsOptions.DecideInterval"/>, in every process:
/// the decisions come from the records, so a sweep goes on whichever processes are alive.
/// </summary>
public sealed class SweepDecisionService(RecordsMigrator migrator, SweepStore sweeps, SweepCoordinator coordinator, IOptions<SweepsOptions> options,
    ILogger<SweepDecisionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await migrator.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.DecideInterval);
            do
            {
                DecideOnce();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public void DecideOnce()
    {
        try
        {
            foreach (var id in sweeps.Running())
                coordinator.Advance(id);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not advance the running sweeps ({Problem}); trying again in {Interval}", e.Message, options.Value.DecideInterval);
        }
    }
}
