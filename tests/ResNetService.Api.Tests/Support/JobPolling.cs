using System.Net;
using System.Text.Json;

namespace ResNetService.Api.Tests.Support;

public static class JobPolling
{
    public static Task<JsonElement> PollJobUntilFinished(this HttpClient client, string jobId, TimeSpan? timeout = null) =>
        client.PollJobUntil(jobId, j => j.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled", timeout);

    public static async Task<JsonElement> PollJobUntil(this HttpClient client, string jobId, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(6));
        while (true)
        {
            var job = await (await client.GetAsync($"/jobs/{jobId}")).AssertJson(HttpStatusCode.OK);
            if (done(job))
                return job;
            Assert.True(DateTime.UtcNow < deadline, $"Job did not get there in time: {job}");
            await Task.Delay(200);
        }
    }
}
