namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// Writes that end a run (its model, its final state) are retried with growing pauses while the records database
/// does not answer, because a run must not be left "running" by one failed write.
/// </summary>
public static class Durably
{
    private static readonly TimeSpan[] Pauses = [.. new[] { 1, 2, 4, 8, 15, 30, 30, 30 }.Select(s => TimeSpan.FromSeconds(s))];

    public static T Run<T>(Func<T> write, ILogger logger, string what)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return write();
            }
            catch (Exception e) when (attempt < Pauses.Length && e is not OperationCanceledException)
            {
                logger.LogWarning("Could not {What} ({Problem}); trying again in {Pause}", what, e.Message, Pauses[attempt]);
                Thread.Sleep(Pauses[attempt]);
            }
        }
    }

    public static void Run(Action write, ILogger logger, string what) => Run(() => { write(); return 0; }, logger, what);
}
