using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class ServiceEndpointsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task LiveAndReadyAreHealthy()
    {
        await (await _client.GetAsync("/health/live")).AssertJson(HttpStatusCode.OK);
        var ready = await (await _client.GetAsync("/health/ready")).AssertJson(HttpStatusCode.OK);

        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("data-root").GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("hangfire-storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task SwaggerDocumentListsTheEndpoints()
    {
        var document = await (await _client.GetAsync("/swagger/v1/swagger.json")).AssertJson(HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Subset(paths.ToHashSet(), new HashSet<string>
        {
            "/datasets", "/datasets/{id}", "/datasets/import", "/models", "/models/{id}", "/models/{id}/export", "/models/default",
            "/classify", "/architectures/summary",
        });
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task ArchitectureSummaryOfAPreset()
    {
        var summary = await (await _client.PostAsJsonAsync("/architectures/summary", new { inputChannels = 3, inputHeight = 28, inputWidth = 28, classes = 10, depth = 20 }))
            .AssertJson(HttpStatusCode.OK);

        Assert.Equal(272_541, summary.GetProperty("trainableParameters").GetInt64());
        Assert.Equal(31_448_448, summary.GetProperty("multiplyAdds").GetInt64());
    }

    [Fact]
    public async Task InvalidArchitectureIsAValidationProblemPerField()
    {
        var problem = await (await _client.PostAsJsonAsync("/architectures/summary", new { inputHeight = 32, inputWidth = 32, classes = 1, depth = 30, bottleneck = true }))
            .AssertProblem(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("9n+2", errors.GetProperty("depth")[0].GetString());
        Assert.Contains("classes", errors.GetProperty("classes")[0].GetString());
    }

    [Fact]
    public async Task OversizedJsonBodyIsTooLarge() =>
        await (await _client.PostAsync("/architectures/summary", new StringContent(new string(' ', 2 << 20), System.Text.Encoding.UTF8, "application/json")))
            .AssertProblem(HttpStatusCode.RequestEntityTooLarge);

    [Fact]
    public async Task MalformedJsonIsABadRequest() =>
        await (await _client.PostAsync("/architectures/summary", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json")))
            .AssertProblem(HttpStatusCode.BadRequest);
}
