using System.Net;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class DatabaseDownTests
{
    [Fact]
    public async Task ADatabaseThatIsDownFailsReadinessAndRequestsAre503Problems()
    {
        // Nothing listens on port 1: the records database is down from the start.
        using var factory = ServiceFactory.With(new() { ["ConnectionStrings:Database"] = "Host=127.0.0.1;Port=1;Timeout=1;Pooling=false" });
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var report = await ready.Content.ReadAsStringAsync();
        var problem = await (await client.GetAsync("/datasets")).AssertProblem(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.True(report.Contains("records-database"), report);
        Assert.Contains("cannot be used", report);
        Assert.Contains("records database", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
