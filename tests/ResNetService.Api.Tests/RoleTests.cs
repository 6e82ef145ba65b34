using System.Net;
using Hangfire;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class RoleTests
{
    [Fact]
    public async Task WorkerServesOnlyHealth()
    {
        using var factory = ServiceFactory.With(new() { ["Role"] = "worker" });
        var client = factory.CreateClient();

        await (await client.GetAsync("/health/ready")).AssertJson(HttpStatusCode.OK);
        await (await client.GetAsync("/datasets")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ApiRoleQueuesWithoutRunning()
    {
        using var factory = ServiceFactory.With(new() { ["Role"] = "api" });
        var client = factory.CreateClient();
        var dataset = await (await client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertJson(HttpStatusCode.Created);

        var job = await (await client.PostAsync("/jobs", new StringContent(
            $$$"""{"datasetId":"{{{dataset.GetProperty("id").GetString()}}}","model":{"depth":8},"training":{"epochs":1}}""", System.Text.Encoding.UTF8, "application/json")))
            .AssertJson(HttpStatusCode.Accepted);

        // Queued on the training queue, in a process with no Hangfire server that could take it.
        var monitoring = factory.Service<JobStorage>().GetMonitoringApi();
        Assert.Empty(monitoring.Servers());
        Assert.Equal(1, monitoring.EnqueuedCount("gpu"));
        var state = await (await client.GetAsync($"/jobs/{job.GetProperty("id").GetString()}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("queued", state.GetProperty("state").GetString());
    }
}
