using System.Net;
using System.Text.Json;

namespace ResNetService.Api.Tests.Support;

public static class HealthPolling
{
    /// <summary>GET /datasets/{id}/health until its check is done or failed; returns that answer.</summary>
    public static async Task<JsonElement> PollHealthUntilFinished(this HttpClient client, string datasetId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var health = await (await client.GetAsync($"/datasets/{datasetId}/health")).AssertJson(HttpStatusCode.OK);
            if (health.GetProperty("state").GetString() is "done" or "failed")
                return health;
            Assert.True(DateTime.UtcNow < deadline, $"The health check did not finish in time: {health}");
            await Task.Delay(200);
        }
    }
}
