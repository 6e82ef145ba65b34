using ResNetService.Api.Jobs.Worker;

namespace ResNetService.Api.Tests.Support;

/// <summary>
/// The training checkpoints a settled run keeps, <c>runs/{id}/checkpoints/train-*.ckpt</c>. The worker whose final
/// state change won promotes them there right after it won, so they are read once the attempts' folders are gone.
/// </summary>
public static class KeptCheckpoints
{
    public static async Task<string[]> Of(string dataRoot, string runId)
    {
        var run = Path.Combine(dataRoot, "runs", runId);
        var attempts = Path.Combine(run, RunFolders.AttemptsFolder);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Directory.Exists(attempts) && Directory.GetDirectories(attempts).Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The attempts of run {runId} were not promoted: {string.Join(", ", Directory.GetDirectories(attempts))}");
            await Task.Delay(100);
        }
        return Directory.GetFiles(Path.Combine(run, "checkpoints"), "train-*.ckpt");
    }
}
