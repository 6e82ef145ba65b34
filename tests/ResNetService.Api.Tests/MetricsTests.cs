using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ResNetService.Api.Tests.Cli;
using ResNetService.Api.Tests.Deployment;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

/// <summary>
/// /metrics of the real executable (one process, one meter provider: in-memory hosts of other tests would share its
/// meters) after real work: counts equal to what the test did, a strictly valid exposition, a dashboard that asks only
/// for series it exports, and a restart that is ready only once the default model is warm.
/// </summary>
public sealed partial class MetricsTests : IDisposable
{
    private const int Epochs = 2;
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "resnetservice-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataRoot))
            Directory.Delete(_dataRoot, recursive: true);
    }

    [Fact]
    [Trait(TestCategory.Trait, TestCategory.Process)]
    public async Task AfterTrainingsAndClassificationsTheSeriesCountWhatHappened()
    {
        string first, second;
        using (var service = Start(out var client))
        {
            await PollReady(client);
            var datasetId = (await (await client.PostAsync("/datasets", Multipart.Archive(LearnableDataset.Zip(48, 8)))).AssertJson(HttpStatusCode.Created))
                .GetProperty("id").GetString()!;
            var (jobId, stepsPerEpoch, model) = await Train(client, datasetId, Epochs);
            first = model;
            int[] imagesPerRequest = [1, 2, 3];
            foreach (var count in imagesPerRequest)
                await Classify(client, model, count);
            await (await client.PostAsync($"/classify?modelId={model}", Multipart.Files("image", ("text.png", TestImages.NotAnImage()))))
                .AssertProblem(HttpStatusCode.UnsupportedMediaType);
            // A second model, classified with once: the cache holds one model, so the first is evicted.
            (_, _, second) = await Train(client, datasetId, 1);
            await Classify(client, second, 1);

            var samples = await Scrape(client);

            var byModel = samples.Where(s => s.Has("model", first)).ToList();
            Assert.Equal(imagesPerRequest.Length, Value(byModel.Where(s => s.Has("engine", "onnxruntime")), "resnet_classification_duration_seconds_count"));
            Assert.Equal(1, Value(byModel.Where(s => s.Has("engine", "onnxruntime")), "resnet_model_load_duration_seconds_count"));
            Assert.InRange(Value(byModel, "resnet_classification_duration_seconds_sum"), 1e-6, 60);
            Assert.Equal(1, Value(byModel, "resnet_model_loads_total"));
            Assert.Equal(1, Value(byModel, "resnet_model_warmups_total"));
            Assert.Equal(1, Value(byModel, "resnet_model_evictions_total"));
            var byRun = samples.Where(s => s.Has("run", jobId)).ToList();
            Assert.Equal(Epochs * stepsPerEpoch, Value(byRun, "resnet_training_step_duration_seconds_count"));
            Assert.Equal(Epochs, Value(byRun, "resnet_training_epoch_duration_seconds_count"));
            Assert.InRange(Value(byRun, "resnet_training_images_total"), Epochs * stepsPerEpoch, Epochs * stepsPerEpoch * 8);

            Assert.Equal(2, Value(samples.Where(s => s.Has("state", "succeeded")), "resnet_jobs"));
            Assert.Equal(0, Value(samples.Where(s => s.Has("state", "running")), "resnet_jobs"));
            Assert.Equal(imagesPerRequest.Sum() + 1, Value(samples, "resnet_images_decoded_total"));
            Assert.Equal(1, Value(samples.Where(s => s.Has("reason", "unsupported")), "resnet_images_refused_total"));
            Assert.Equal(imagesPerRequest.Sum() + 1, Value(samples, "resnet_inference_batch_size_sum"));
            Assert.Equal(imagesPerRequest.Length + 1, Value(samples.Where(s => s.Has("engine", "onnxruntime")), "resnet_inference_batch_size_count"));
            Assert.Equal(Epochs + 1, Value(samples.Where(s => s.Has("kind", "training")), "resnet_training_checkpoints_total"));
            Assert.True(Value(samples.Where(s => s.Has("kind", "best")), "resnet_training_checkpoints_total") >= 2);
            Assert.True(Value(samples.Where(s => s.Has("kind", "training")), "resnet_training_checkpoint_size_bytes_sum") > 0);
            Assert.Equal(imagesPerRequest.Length + 2, Value(samples.Where(s => s.Has("http_route", "/classify")), "http_server_request_duration_seconds_count"));
            Assert.Equal(0, Value(samples, "resnet_inference_queue_depth"));
            TheDashboardAsksOnlyFor(samples.Select(s => s.Name).ToHashSet());
            TheDashboardSplitsServingByEngine();
        }

        // Restarted on the same records: the first "ready" already follows the warm-up of the default (the newest)
        // model, through the whole request path (two requests of one image each, as most clients send them, in process),
        // with no request made; pinning the other one warms it before the answer.
        using (var restarted = Start(out var client))
        {
            var ready = await PollReady(client);
            Assert.Contains("warmed up", ready);
            var samples = await Scrape(client);
            Assert.Equal(1, Value(samples.Where(s => s.Has("model", second)), "resnet_model_warmups_total"));
            Assert.DoesNotContain(samples, s => s.Name == "resnet_classification_duration_seconds_count");
            Assert.Equal(2, Value(samples, "resnet_inference_batch_size_count"));
            Assert.Equal(2, Value(samples.Where(s => s.Has("engine", "onnxruntime")), "resnet_inference_batch_size_sum"));
            // And one over loopback, through Kestrel and the middleware: without the key, refused as anyone's would be.
            Assert.Equal(1, Value(samples.Where(s => s.Has("http_route", "/classify") && s.Has("http_response_status_code", "401")),
                "http_server_request_duration_seconds_count"));

            (await client.PutAsync("/models/default", new StringContent($$"""{"modelId":"{{first}}"}""", System.Text.Encoding.UTF8, "application/json")))
                .EnsureSuccessStatusCode();
            Assert.Equal(1, Value((await Scrape(client)).Where(s => s.Has("model", first)), "resnet_model_warmups_total"));
        }
    }

    private const string ScrapeKey = "metrics-test-key-0123456789abcdefghijkl";

    private ServiceProcess Start(out HttpClient client)
    {
        var url = ServiceProcess.FreeLoopbackUrl();
        var service = ServiceProcess.Start("all", new Dictionary<string, string>
        {
            ["Storage:DataRoot"] = _dataRoot, ["Training:Device"] = "cpu", ["Classification:CachedModels"] = "1", ["Auth:ApiKey"] = ScrapeKey,
        }, url);
        // As Prometheus scrapes in the compose profile: the key as a bearer token.
        client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ScrapeKey);
        return service;
    }

    private static async Task<(string JobId, int StepsPerEpoch, string ModelId)> Train(HttpClient client, string datasetId, int epochs)
    {
        var jobId = (await (await client.PostAsJsonAsync("/jobs", new { datasetId, model = new { depth = 8 }, training = new { epochs, batchSize = 8 } }))
            .AssertJson(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var job = await client.PollJobUntilFinished(jobId);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        return (jobId, job.GetProperty("progress").GetProperty("stepsPerEpoch").GetInt32(), job.GetProperty("modelId").GetString()!);
    }

    private static async Task Classify(HttpClient client, string modelId, int images)
    {
        var files = LearnableDataset.Unseen(images).Select(i => (i.FileName, i.Png)).ToArray();
        await (await client.PostAsync($"/classify?modelId={modelId}", Multipart.Files("image", files))).AssertJson(HttpStatusCode.OK);
    }

    private static void TheDashboardAsksOnlyFor(IReadOnlySet<string> exported)
    {
        var queries = DashboardQueries();
        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            var names = MetricNames(query).ToList();
            Assert.NotEmpty(names);
            var missing = names.Where(n => !exported.Contains(n)).ToList();
            Assert.True(missing.Count == 0, $"The dashboard asks for {string.Join(", ", missing)}, which /metrics does not export ({query}).");
        }
    }

    private static void TheDashboardSplitsServingByEngine()
    {
        var serving = DashboardQueries().Where(q => q.Contains("resnet_classification_duration") || q.Contains("resnet_inference_batch_size")).ToList();
        Assert.NotEmpty(serving);
        Assert.All(serving, query => Assert.Contains("engine", query));
    }

    private static async Task<string> PollReady(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                var response = await client.GetAsync("/health/ready");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                    return body;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "Not ready after two minutes.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public void PrometheusScrapesTheApiAndTheWorkersWhereTheyServeMetrics()
    {
        var config = Repository.Read("deploy/monitoring/prometheus.yml");
        var compose = Stack.Compose;
        foreach (var service in Stack.AppServices.Keys)
        {
            Assert.Contains($"names: [{service}]", config);
            Assert.True(compose.Services.ContainsKey(service));
        }
        Assert.DoesNotContain(MetricsPaths().Matches(config).Select(m => m.Groups[1].Value), path => path != "/metrics");
        Assert.Equal(Stack.AppServices.Count, PortLines().Matches(config).Count(m => m.Groups[1].Value == DockerfileTests.ListeningPort().ToString()));
        foreach (var service in new[] { "prometheus", "grafana" })
        {
            var definition = compose.Service(service);
            Assert.Equal(["monitoring"], ComposeFile.List(definition, "profiles").Cast<string>());
            foreach (var mount in ComposeFile.List(definition, "volumes").Select(Stack.Mount).Where(m => m.Source?.StartsWith("./", StringComparison.Ordinal) == true))
                Assert.True(File.Exists(Repository.PathOf(mount.Source!)) || Directory.Exists(Repository.PathOf(mount.Source!)), $"{service} mounts {mount.Source}, which is not in the repository.");
        }
    }

    [Fact]
    public async Task PrometheusScrapesWithAReadOnlyKeyThatComposeMakes()
    {
        var compose = Stack.Compose;
        var maker = compose.Service("scrape-key");
        var prometheus = compose.Service("prometheus");
        var script = Assert.IsType<string>(Assert.Single(ComposeFile.List(maker, "command")));
        var verb = KeysCreateVerb().Match(script);
        Assert.True(verb.Success, $"scrape-key does not run 'keys create': {script}");

        // The file the verb's secret goes to is the one Prometheus reads as its bearer token, after the verb has run.
        var written = Assert.Single(ComposeFile.List(maker, "volumes").Select(Stack.Mount));
        var read = Assert.Single(ComposeFile.List(prometheus, "volumes").Select(Stack.Mount), m => m.Source == written.Source);
        Assert.Contains($"> {written.Target}/", script);
        Assert.Contains($"{written.Target}/scrape-key", script);
        var files = CredentialsFiles().Matches(Repository.Read("deploy/monitoring/prometheus.yml")).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Stack.AppServices.Count, files.Count);
        Assert.All(files, file => Assert.Equal($"{read.Target}/scrape-key", file));
        Assert.Equal("service_completed_successfully", ComposeFile.Map(ComposeFile.Map(prometheus, "depends_on"), "scrape-key")["condition"]);
        Assert.False(compose.Root.ContainsKey("configs"), "The admin key is no longer handed to Prometheus.");

        // The verb as written makes a key that scrapes and can do nothing else.
        using var factory = new ServiceFactory();
        factory.CreateClient();
        var (exit, output, error) = CliRunner.Run([.. verb.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--data-root", factory.DataRoot]);
        Assert.True(exit == 0, error);
        var secret = Assert.Single(CliRunner.Lines(output), line => line.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..];
        var scraper = factory.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        // Only the status: an in-memory service shares the test process's meters with the other services in it.
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics")).StatusCode);
        await (await scraper.PostAsJsonAsync("/keys", new { name = "more", scopes = new[] { "admin" } })).AssertProblem(HttpStatusCode.Forbidden);
        await (await scraper.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip()))).AssertProblem(HttpStatusCode.Forbidden);
    }

    private static async Task<IReadOnlyList<PrometheusSample>> Scrape(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static double Value(IEnumerable<PrometheusSample> samples, string name)
    {
        var matching = samples.Where(s => s.Name == name).ToList();
        Assert.True(matching.Count > 0, $"No {name} series.");
        return matching.Sum(s => s.Value);
    }

    private static List<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(Repository.Read("deploy/monitoring/grafana/dashboards/resnetservice.json"));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
    }

    /// <summary>The series a PromQL query names: identifiers left once label matchers, grouping clauses and functions are taken out.</summary>
    private static IEnumerable<string> MetricNames(string query)
    {
        var bare = Grouping().Replace(Matchers().Replace(query, ""), "");
        return Identifiers().Matches(bare).Select(m => m.Value).Where(name => !PromQlWords.Contains(name)).Distinct();
    }

    private static readonly HashSet<string> PromQlWords =
        ["sum", "max", "min", "avg", "count", "rate", "irate", "increase", "histogram_quantile", "by", "without", "le"];

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"metrics_path:\s*(\S+)")]
    private static partial Regex MetricsPaths();

    [GeneratedRegex(@"dotnet ResNetService\.dll (keys create [^|;&>]+)")]
    private static partial Regex KeysCreateVerb();

    [GeneratedRegex(@"credentials_file:\s*(\S+)")]
    private static partial Regex CredentialsFiles();

    [GeneratedRegex(@"port:\s*(\d+)")]
    private static partial Regex PortLines();
}
