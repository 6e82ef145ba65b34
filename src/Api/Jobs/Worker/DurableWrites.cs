using Polly;
using Polly.Registry;
using Polly.Retry;
using ResNetService.Api.Records;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>
/// Writes that end a run (its model, its final state) are retried with growing pauses (1 s, doubling up to 30 s, for
/// about two minutes) while the records database does not answer, because a run must not be left "running" by one
/// failed write. Anything else that goes wrong is not retried: trying again would not change it.
/// </summary>
public sealed class DurableWrites(ResiliencePipelineProvider<string> pipelines)
{
    public const string Pipeline = "run-final-writes";

    private static readonly ResiliencePropertyKey<string> What = new("what");

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(Pipeline);

    /// <param name="what">What the write does, for the log: "record that run ... is failed".</param>
    public T Run<T>(Func<T> write, string what)
    {
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(What, what);
        try
        {
            return _pipeline.Execute(_ => write(), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public static RetryStrategyOptions Retry(ILogger logger) => new()
    {
        ShouldHandle = new PredicateBuilder().Handle<Exception>(RecordsUnavailable.Is),
        MaxRetryAttempts = 8,
        BackoffType = DelayBackoffType.Exponential,
        Delay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        UseJitter = false,
        OnRetry = retry =>
        {
            logger.LogWarning("Could not {What} ({Problem}); trying again in {Pause}",
                retry.Context.Properties.GetValue(What, "write"), retry.Outcome.Exception?.Message, retry.RetryDelay);
            return ValueTask.CompletedTask;
        },
    };
}
