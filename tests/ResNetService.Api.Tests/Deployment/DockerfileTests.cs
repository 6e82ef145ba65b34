using System.Net;
using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>The Dockerfile against the app, read (scripts/container-smoke.sh builds and runs it, outside CI).</summary>
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
    public void BaseImagesAreBuildArgumentsThatDefaultToTheOfficialOnes()
    {
        var dockerfile = Stack.Dockerfile;
        var args = dockerfile.GlobalArgs();

        Assert.Equal(["${SDK_IMAGE}", "${RUNTIME_IMAGE}"], dockerfile.All("FROM").Select(from => from.Split(' ')[0]));
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", args["SDK_IMAGE"]);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", args["RUNTIME_IMAGE"]);
        // docker compose passes them to the build: the same defaults when .env sets nothing, a mirror's names when it does.
        foreach (var name in new[] { "SDK_IMAGE", "RUNTIME_IMAGE" })
        {
            var mirrored = $"registry.example.com/{name.ToLowerInvariant()}:10.0";
            Assert.Equal(args[name], ComposeBuildArg(ComposeFile.Load(Stack.ComposePath, new Dictionary<string, string>()), "api", name));
            Assert.Equal(args[name], Stack.EnvExample.Values[name]);
            Assert.All(Stack.AppServices.Keys, service =>
                Assert.Equal(mirrored, ComposeBuildArg(ComposeFile.Load(Stack.ComposePath, new Dictionary<string, string> { [name] = mirrored }), service, name)));
        }
    }

    [Fact]
    public void BuildsWithTheLegacyBuilder()
    {
        // A '# syntax=' parser directive makes BuildKit pull a frontend image (a registry an air-gapped site may lack),
        // and the legacy builder (DOCKER_BUILDKIT=0, all Debian's docker.io has) knows neither RUN --mount nor heredocs.
        Assert.DoesNotMatch(SyntaxDirective(), Repository.Read("Dockerfile"));
        var legacyFlags = new Dictionary<string, string[]> { ["RUN"] = [], ["COPY"] = ["--from", "--chown"], ["ADD"] = ["--chown"] };
        foreach (var (keyword, arguments) in Stack.Dockerfile.Instructions.Where(i => legacyFlags.ContainsKey(i.Keyword)))
        {
            var flags = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(word => word.StartsWith("--", StringComparison.Ordinal));
            Assert.All(flags, flag => Assert.Contains(flag.Split('=')[0], legacyFlags[keyword]));
            Assert.DoesNotContain("<<", arguments.Split(' ', 2)[0]);
        }
    }

    [Fact]
    public void RestoresFromTheProjectFilesBeforeTheSourcesAreCopied()
    {
        var build = Stack.Dockerfile.Stage("build").ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var sources = build.FindIndex(i => i.Keyword == "COPY" && i.Arguments == "src/ src/");
        var publish = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var copiedFirst = build.Take(restore).Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToList();

        // The restore's layer stays cached while only sources change: before it, nothing but what restore reads.
        Assert.True(restore >= 0 && restore < sources && sources < publish, "Expected: COPY project files, RUN dotnet restore, COPY src/ src/, RUN dotnet publish.");
        Assert.Contains("--no-restore", build[publish].Arguments);
        Assert.All(copiedFirst, source => Assert.Matches(RestoreInput(), source));
        var root = Repository.Root;
        var needed = Directory.EnumerateFiles(Repository.PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(root, "Directory.*"))
            .Concat(Directory.EnumerateFiles(Repository.PathOf("src"), "Directory.*"))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'));
        Assert.All(needed, file => Assert.Contains(file, copiedFirst));
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

    private static string ComposeBuildArg(ComposeFile compose, string service, string name = "TORCH_BACKEND") =>
        Assert.IsType<string>(ComposeFile.Map(ComposeFile.Map(compose.Service(service), "build"), "args")[name]);

    [GeneratedRegex(@"GET (?<path>/[^\s\\]*) HTTP/1\.[01]")]
    private static partial Regex HealthRequest();

    [GeneratedRegex(@"^#\s*syntax\s*=", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex SyntaxDirective();

    /// <summary>What dotnet restore reads: project files, Directory.Build/Packages files, and the MSBuild targets in build/.</summary>
    [GeneratedRegex(@"(\.csproj|/?Directory\.[A-Za-z]+\.(props|targets)|^build/)$")]
    private static partial Regex RestoreInput();
}
