using System.Text.Json;
using ResNetService.Api.Hosting;
using ResNetService.Api.Tests.Deployment;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.OpenApi;

/// <summary>The OpenAPI description as the running service serves it, as generated clients and their authors read it.</summary>
public sealed class OpenApiDescriptionTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private async Task<string> Description() => await factory.CreateClient().GetStringAsync(SwaggerSetup.DocumentPath);

    [Fact]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public async Task PassesRedoclysRecommendedRulesWithoutAnErrorOrAWarning()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("resnet-openapi-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, await Description());

        var lint = await OpenApiTools.Redocly("lint", file, "--config", Repository.PathOf("redocly.yaml"), "--format=json");

        var report = JsonDocument.Parse(lint.Output).RootElement;
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}: {p.GetProperty("message").GetString()}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(0, report.GetProperty("totals").GetProperty("errors").GetInt32());
        Assert.Equal(0, report.GetProperty("totals").GetProperty("warnings").GetInt32());
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    /// <summary>What the lint does not check: the answers every scoped operation can give are there, each a problem document.</summary>
    [Fact]
    public async Task EveryOperationDeclaresItsRefusalsAsProblemDocuments()
    {
        var paths = JsonDocument.Parse(await Description()).RootElement.GetProperty("paths");
        var missing = new List<string>();
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var responses = operation.Value.GetProperty("responses");
                var statuses = responses.EnumerateObject().Select(r => r.Name).ToList();
                if (operation.Value.TryGetProperty("security", out _))
                    missing.AddRange(new[] { "401", "403", "503" }.Except(statuses).Select(s => $"{name}: no {s}"));
                if (operation.Value.TryGetProperty("requestBody", out _))
                    missing.AddRange(new[] { "400", "413", "415" }.Except(statuses).Select(s => $"{name}: no {s}"));
                missing.AddRange(responses.EnumerateObject()
                    .Where(r => r.Name[0] is '4' or '5')
                    .Where(r => !r.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                    .Select(r => $"{name}: {r.Name} is not a problem document"));
                missing.AddRange(responses.EnumerateObject()
                    .Where(r => r.Name != "200" && r.Value.GetProperty("description").GetString() is "Bad Request" or "Not Found" or "Conflict" or "Forbidden")
                    .Select(r => $"{name}: {r.Name} does not say when it is given"));
            }
        }
        Assert.True(paths.EnumerateObject().Count() > 15, "The description lists too few paths.");
        Assert.Empty(missing);
    }
}
