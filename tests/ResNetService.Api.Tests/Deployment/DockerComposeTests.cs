using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>docker-compose.yml against the app: parsed, and the app started in memory (scripts/container-smoke.sh runs the real stack, outside CI).</summary>
public sealed partial class DockerComposeTests
{
    public static TheoryData<string> AppServiceNames => new(Stack.AppServices.Keys);

    [Theory]
    [MemberData(nameof(AppServiceNames))]
    public void AppServicesSetOnlySettingsTheAppReads(string service)
    {
        var environment = ComposeFile.Environment(Stack.Compose.Service(service));

        Assert.NotEmpty(environment);
        var unknown = environment.Keys.Where(name => !AppConfiguration.Reads(name)).ToList();
        Assert.True(unknown.Count == 0,
            $"Service '{service}' sets {string.Join(", ", unknown)}, which the app does not read. It reads: {string.Join(", ", AppConfiguration.Keys.Order())}.");
    }

    [Theory]
    [MemberData(nameof(AppServiceNames))]
    public async Task AppServicesStartWithTheirEnvironmentAndAnswerTheirHealthCheck(string service)
    {
        var environment = ComposeFile.Environment(Stack.Compose.Service(service));
        using var factory = ComposedService.Start(environment);
        using var client = factory.CreateClient();

        // The image's HEALTHCHECK (no compose service overrides it) must hit a path that answers 200.
        Assert.False(Stack.Compose.Service(service).ContainsKey("healthcheck"), $"Service '{service}' overrides the image's healthcheck; check its path here.");
        var path = DockerfileTests.HealthcheckPath();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        // The role took effect: only the API serves the API.
        var servesApi = Stack.AppServices[service] != "worker";
        var swagger = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(servesApi ? HttpStatusCode.OK : HttpStatusCode.NotFound, swagger.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AppServiceNames))]
    public void AppServicesRunTheirRole(string service)
    {
        var environment = ComposeFile.Environment(Stack.Compose.Service(service));
        var roleKey = AppConfiguration.Keys.Single(k => k.Equals("Role", StringComparison.OrdinalIgnoreCase));
        var command = Stack.Compose.Service(service).GetValueOrDefault("command");

        var role = environment.GetValueOrDefault(roleKey)
            ?? (command is List<object?> args && args.IndexOf("--role") is var i and >= 0 ? args[i + 1] as string : null);
        Assert.Equal(Stack.AppServices[service], role, ignoreCase: true);
    }

    [Fact]
    public void ApiPublishesThePortTheImageListensOn()
    {
        var ports = ComposeFile.List(Stack.Compose.Service("api"), "ports");
        var imagePort = DockerfileTests.ListeningPort();

        Assert.NotEmpty(ports);
        Assert.All(ports, entry => Assert.Equal(imagePort, Stack.ContainerPort(entry)));
        Assert.Equal(8080, imagePort);
    }

    [Fact]
    public void ApiAndWorkerMountTheSameDataVolumeAtTheirDataRoot()
    {
        var compose = Stack.Compose;
        var declared = ComposeFile.Map(compose.Root, "volumes");
        var mounts = Stack.AppServices.Keys.Select(service =>
        {
            var dataRoot = Stack.EffectiveEnvironment(service).GetValueOrDefault("Storage__DataRoot");
            Assert.False(string.IsNullOrEmpty(dataRoot), $"Service '{service}' has no Storage__DataRoot (nor does the image).");
            var mount = ComposeFile.List(compose.Service(service), "volumes").Select(Stack.Mount).SingleOrDefault(m => m.Target == dataRoot);
            Assert.True(mount.Target is not null, $"Service '{service}' mounts nothing at its data root {dataRoot}.");
            Assert.True(mount.Source is not null && declared.ContainsKey(mount.Source), $"The data root of '{service}' is not a named volume.");
            return mount;
        }).ToList();

        Assert.Single(mounts.Distinct());
    }

    [Fact]
    public void ApiAndWorkerSeeTheSameImportRoot()
    {
        var compose = Stack.Compose;
        var mounts = Stack.AppServices.Keys.Select(service =>
        {
            var importRoot = Stack.EffectiveEnvironment(service).GetValueOrDefault("Storage__ImportRoot");
            if (string.IsNullOrEmpty(importRoot))
                return default;
            var mount = ComposeFile.List(compose.Service(service), "volumes").Select(Stack.Mount).SingleOrDefault(m => m.Target == importRoot);
            Assert.True(mount.Target is not null, $"Service '{service}' imports from {importRoot} but mounts nothing there.");
            return mount;
        }).ToList();

        // Imported datasets are read in place by whichever worker trains on them, at the path the API recorded.
        Assert.Single(mounts.Distinct());
    }

    [Fact]
    public void ApiAndWorkerShareTheQueueAndTheDatabase()
    {
        var api = Stack.EffectiveEnvironment("api");
        var worker = Stack.EffectiveEnvironment("worker");

        Assert.Equal(api.GetValueOrDefault("Hangfire__Queue"), worker.GetValueOrDefault("Hangfire__Queue"));
        var connectionString = api.GetValueOrDefault("ConnectionStrings__Hangfire");
        Assert.False(string.IsNullOrEmpty(connectionString), "Without ConnectionStrings__Hangfire the app queues jobs in memory, per process.");
        Assert.Equal(connectionString, worker.GetValueOrDefault("ConnectionStrings__Hangfire"));

        var connection = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var postgres = ComposeFile.Environment(Stack.Compose.Service("postgres"));
        Assert.Equal("postgres", connection["Host"]);
        Assert.Equal(postgres["POSTGRES_DB"], connection["Database"]);
        Assert.Equal(postgres["POSTGRES_USER"], connection["Username"]);
        Assert.Equal(postgres["POSTGRES_PASSWORD"], connection["Password"]);
    }

    [Fact]
    public void WorkerReservesNvidiaGpusAndTrainsOnThem()
    {
        var worker = Stack.Compose.Service("worker");
        var reservations = ComposeFile.Map(ComposeFile.Map(ComposeFile.Map(worker, "deploy"), "resources"), "reservations");
        var device = Assert.IsType<Dictionary<string, object?>>(Assert.Single(ComposeFile.List(reservations, "devices")));

        Assert.Equal("nvidia", device["driver"]);
        Assert.Contains("gpu", Assert.IsType<List<object?>>(device["capabilities"]));
        var count = Assert.IsType<string>(device["count"]);
        Assert.True(count == "all" || int.TryParse(count, out var n) && n >= 1, $"GPU count '{count}' is neither a positive number nor 'all'.");
        Assert.Matches(GpuDevice(), ComposeFile.Environment(worker)["Training__Device"]!);
    }

    [Fact]
    public void AppServicesWaitForAHealthyPostgres()
    {
        var compose = Stack.Compose;
        var postgres = compose.Service("postgres");

        Assert.StartsWith("postgres:", Assert.IsType<string>(postgres["image"]));
        var test = ComposeFile.List(ComposeFile.Map(postgres, "healthcheck"), "test");
        Assert.Contains(test, part => part is string s && s.Contains("pg_isready", StringComparison.Ordinal));
        foreach (var service in Stack.AppServices.Keys)
        {
            var dependency = ComposeFile.Map(ComposeFile.Map(compose.Service(service), "depends_on"), "postgres");
            Assert.Equal("service_healthy", dependency["condition"]);
        }
    }

    [Fact]
    public void PostgresImageIsAVariableThatDefaultsToTheOfficialOne()
    {
        const string mirrored = "registry.example.com/library/postgres:18";
        var bare = ComposeFile.Load(Stack.ComposePath, new Dictionary<string, string>());
        var fromMirror = ComposeFile.Load(Stack.ComposePath, new Dictionary<string, string> { ["POSTGRES_IMAGE"] = mirrored });

        Assert.Matches(PostgresMajor(), Assert.IsType<string>(bare.Service("postgres")["image"]));
        Assert.Equal(bare.Service("postgres")["image"], Stack.EnvExample.Values["POSTGRES_IMAGE"]);
        Assert.Equal(mirrored, fromMirror.Service("postgres")["image"]);
    }

    [Fact]
    public void PostgresKeepsItsDataInItsOwnVolume()
    {
        var compose = Stack.Compose;
        var postgres = compose.Service("postgres");
        var major = int.Parse(PostgresMajor().Match(Assert.IsType<string>(postgres["image"])).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // From PostgreSQL 18 the official image keeps PGDATA in /var/lib/postgresql/<major>/docker and declares the parent as its volume.
        var target = major >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";

        var mount = Assert.Single(ComposeFile.List(postgres, "volumes").Select(Stack.Mount), m => m.Target == target);
        Assert.True(ComposeFile.Map(compose.Root, "volumes").ContainsKey(mount.Source!));
        Assert.DoesNotContain(Stack.AppServices.Keys, service =>
            ComposeFile.List(compose.Service(service), "volumes").Select(Stack.Mount).Any(m => m.Source == mount.Source));
    }

    [Fact]
    public void SecretsComeOnlyFromTheEnvFile()
    {
        // With no variables at all, every secret must be a required variable: nothing is written into the file.
        var bare = ComposeFile.Load(Stack.ComposePath, new Dictionary<string, string>());
        var api = ComposeFile.Environment(bare.Service("api"));
        var postgres = ComposeFile.Environment(bare.Service("postgres"));
        var connection = new DbConnectionStringBuilder { ConnectionString = api["ConnectionStrings__Hangfire"] };

        Assert.Equal(ComposeFile.RequiredPlaceholder, api["Auth__ApiKey"]);
        Assert.Equal(ComposeFile.RequiredPlaceholder, postgres["POSTGRES_PASSWORD"]);
        Assert.Equal(ComposeFile.RequiredPlaceholder, connection["Password"]);
    }

    [Fact]
    public void CpuOverrideDropsTheGpuAndBuildsForCpu()
    {
        var cpu = Stack.CpuOverride;
        var services = Stack.Compose.Services;

        foreach (var (name, value) in cpu.Services)
        {
            Assert.True(services.ContainsKey(name), $"The CPU override names '{name}', which docker-compose.yml does not have.");
            var service = Assert.IsType<Dictionary<string, object?>>(value);
            Assert.Equal("cpu", ComposeFile.Map(ComposeFile.Map(service, "build"), "args")["TORCH_BACKEND"]);
        }
        var worker = cpu.Service("worker");
        var reservations = ComposeFile.Map(ComposeFile.Map(ComposeFile.Map(worker, "deploy"), "resources"), "reservations");
        Assert.Equal("!reset", Assert.IsType<Tagged>(reservations["devices"]).Tag);
        Assert.Equal("cpu", ComposeFile.Environment(worker)["Training__Device"]);
        Assert.All(ComposeFile.Environment(worker).Keys, name => Assert.True(AppConfiguration.Reads(name), $"{name} is not read by the app."));
        // Both app services are rebuilt, so neither runs the CUDA image.
        Assert.Equal(Stack.AppServices.Keys.Order(), cpu.Services.Keys.Where(Stack.AppServices.ContainsKey).Order());
    }

    [GeneratedRegex(@"^(auto|cuda|cuda:\d+)$")]
    private static partial Regex GpuDevice();

    [GeneratedRegex(@"^postgres:(\d+)")]
    private static partial Regex PostgresMajor();
}
