using System.Net;
using System.Text.Json;

namespace ResNetService.Api.Tests.Support;

public static class SweepPolling
{
    public static async Task<JsonElement> PollSweepUntilEnded(this HttpClient client, string sweepId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(6));
        while (true)
        {
            var sweep = await (await client.GetAsync($"/sweeps/{sweepId}")).AssertJson(HttpStatusCode.OK);
            if (sweep.GetProperty("state").GetString() != "running")
                return sweep;
            Assert.True(DateTime.UtcNow < deadline, $"Sweep did not end in time: {sweep}");
            await Task.Delay(300);
        }
    }
}
