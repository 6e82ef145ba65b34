using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ResNetService.Api.Tests.Support;

public static class JobRequests
{
    public static async Task<string> UploadDataset(this HttpClient client, byte[] archive, string fileName) =>
        (await (await client.PostAsync("/datasets", Multipart.Archive(archive, fileName))).AssertJson(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>Queues the job and waits for it to succeed; returns it as GET /jobs/{id} answers.</summary>
    public static async Task<JsonElement> RunJob(this HttpClient client, object request)
    {
        var accepted = await (await client.PostAsJsonAsync("/jobs", request)).AssertJson(HttpStatusCode.Accepted);
        var job = await client.PollJobUntilFinished(accepted.GetProperty("id").GetString()!);
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        return job;
    }
}
