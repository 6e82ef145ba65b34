using System.Net;
using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>The Dockerfile against the app; it cannot be built here (no Docker engine), so it is read.</summary>
public sealed partial class DockerfileTests
{
    /// <summary>The path the image's HEALTHCHECK requests.</summary>
    internal static string HealthcheckPath()
    {
        var healthcheck = Assert.Single(Stack.Dockerfile.FinalStage().All("HEALTHCHECK"));
        var match = HealthRequest().Match(healthcheck);
        Assert.True(match.Success, $"No 'GET /path HTTP/1.1' request in HEALTHCHECK {healthcheck}.");
        return match.Groups["path"].Value;
    }

    /// <summary>The port the image's app listens on (ASPNETCORE_HTTP_PORTS), which must be the one it exposes.</summary>
    internal static int ListeningPort()
    {
        var final = Stack.Dockerfile.FinalStage();
        var port = int.Parse(final.Environment()["ASPNETCORE_HTTP_PORTS"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(final.All("EXPOSE")));
        return port;
    }

    [Fact]
    public void BuildsOnTheSdkAndRunsOnTheAspNetRuntimeOfTheAppsDotNet()
    {
        var dockerfile = Stack.Dockerfile;
        var args = dockerfile.GlobalArgs();
        var images = dockerfile.All("FROM").Select(from => dockerfile.ExpandArgs(from.Split(' ')[0], args)).ToList();
        var dotnet = $"{Environment.Version.Major}.0";

        Assert.Equal(2, images.Count);
        Assert.StartsWith($"mcr.microsoft.com/dotnet/sdk:{dotnet}", images[0]);
        Assert.StartsWith($"mcr.microsoft.com/dotnet/aspnet:{dotnet}", images[1]);
        // Ubuntu 24.04: its libstdc++ has GLIBCXX_3.4.32, which libLibTorchSharp.so asks for.
        Assert.All(images, image => Assert.EndsWith("-noble", image));
    }

    [Fact]
    public void TorchBackendArgumentSelectsTheBackendTheProjectsKnow()
    {
        var dockerfile = Stack.Dockerfile;
        var modelProject = Repository.Read("src/Model/ResNetService.Model.csproj");

        Assert.Contains("TORCH_BACKEND=cpu", dockerfile.All("ARG"));
        var restoreAndPublish = dockerfile.All("RUN").Where(run => run.Contains("dotnet restore", StringComparison.Ordinal) || run.Contains("dotnet publish", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, restoreAndPublish.Count);
        Assert.All(restoreAndPublish, run => Assert.Contains("-p:TorchBackend=${TORCH_BACKEND}", run));
        // Every backend the deployment asks for is one the Model project switches on.
        foreach (var backend in new[] { "cpu", "cuda", ComposeBuildArg(Stack.Compose, "api"), ComposeBuildArg(Stack.CpuOverride, "api") })
            Assert.Contains($"'$(TorchBackend)' == '{backend}'", modelProject);
    }

    [Fact]
    public void CopiesFilesThatExist()
    {
        foreach (var copy in Stack.Dockerfile.All("COPY").Where(c => !c.StartsWith("--from", StringComparison.Ordinal)))
        {
            var sources = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            Assert.All(sources, source => Assert.True(File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source)), $"COPY {source}: no such file."));
        }
    }

    [Fact]
    public void RunsTheAppAsANonRootUserWithTheDataRootAsAVolume()
    {
        var final = Stack.Dockerfile.FinalStage();
        var user = Assert.Single(final.All("USER"));
        var dataRoot = final.Environment()["Storage__DataRoot"];

        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        Assert.Contains(dataRoot, final.All("VOLUME").Single());
        Assert.Contains($"\"{AppConfiguration.App.GetName().Name}.dll\"", Assert.Single(final.All("ENTRYPOINT")));
        Assert.All(final.Environment().Keys, name => Assert.True(AppConfiguration.Reads(name), $"The image sets {name}, which neither the app nor the host reads."));
    }

    [Fact]
    public void ExposesThePortItListensOn() => Assert.Equal(8080, ListeningPort());

    [Fact]
    public async Task HealthcheckPathAnswersInTheDefaultRole()
    {
        using var factory = ComposedService.Start(new Dictionary<string, string?>());
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthcheckPath())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(HealthcheckPath() + "-not-there")).StatusCode);
    }

    private static string ComposeBuildArg(ComposeFile compose, string service) =>
        Assert.IsType<string>(ComposeFile.Map(ComposeFile.Map(compose.Service(service), "build"), "args")["TORCH_BACKEND"]);

    [GeneratedRegex(@"GET (?<path>/[^\s\\]*) HTTP/1\.[01]")]
    private static partial Regex HealthRequest();
}
