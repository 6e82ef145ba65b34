using ResNetService.Api.Models;
using ResNetService.Model.Checkpoints;

namespace ResNetService.Api.Classification;

/// <summary>
/// At start, loads the default model and runs it on dummy batches (through <see cref="InferenceQueue.WarmAsync"/>),
/// then sends it requests in process (<see cref="RequestPathWarmup"/>), so that the first request is
/// served as fast as the hundredth; <see cref="DefaultModelWarmupCheck"/> keeps the service unready until then.
/// Retries while the records cannot be read yet.
/// </summary>
public sealed class DefaultModelWarmup(ModelStore store, InferenceQueue queue, RequestPathWarmup requestPath, ILogger<DefaultModelWarmup> logger)
    : BackgroundService
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Null while warming up; then what became of it.</summary>
    public WarmupOutcome? Outcome { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (store.Default() is not { } model)
                {
                    Outcome = new WarmupOutcome(true, "No model yet: nothing to warm up.");
                    return;
                }
                var checkpoint = store.CheckpointOf(model);
                var description = await queue.WarmAsync(model.Id, checkpoint, stoppingToken);
                await requestPath.RunAsync(description, stoppingToken);
                Outcome = new WarmupOutcome(true, $"Default model {model.Id} loaded and warmed up.");
                return;
            }
            catch (CheckpointException e)
            {
                // Not a reason to keep the whole service out of rotation: other models may still be named per request.
                logger.LogError("The default model cannot be loaded: {Problem}", e.Message);
                Outcome = new WarmupOutcome(false, $"The default model cannot be loaded: {e.Message}");
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Warming up the default model waits: {Problem}", e.Message);
                await Task.Delay(RetryAfter, stoppingToken);
            }
        }
    }
}
