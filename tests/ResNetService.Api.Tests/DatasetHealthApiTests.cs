using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class DatasetHealthApiTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    // Deleting needs the admin scope, which requests without a key never have.
    private readonly HttpClient _client = factory.ClientWith(factory.KeyWith(Scopes.Admin));

    private static IEnumerable<string?> Names(JsonElement images) => images.EnumerateArray().Select(image => image.GetProperty("name").GetString());

    [Fact]
    public async Task An_uploaded_dataset_gets_a_report_in_the_background_that_names_every_planted_problem()
    {
        var created = await (await _client.PostAsync("/datasets", Multipart.Archive(PlantedProblemsDataset.Zip(), "planted.zip"))).AssertJson(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/datasets/{id}/health", created.GetProperty("health").GetString());

        var health = await _client.PollHealthUntilFinished(id);

        Assert.Equal("done", health.GetProperty("state").GetString());
        var report = health.GetProperty("report");
        Assert.Equal(PlantedProblemsDataset.DistinctImages + 8, health.GetProperty("progress").GetProperty("scanned").GetInt32());
        Assert.Equal("problem", report.GetProperty("verdict").GetString());
        var verdicts = report.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("check").GetString()!, f => f.GetProperty("verdict").GetString());
        Assert.Equal("problem", verdicts["exactDuplicates"]);
        Assert.Equal("warning", verdicts["nearDuplicates"]);
        Assert.Equal("warning", verdicts["unreadable"]);
        Assert.Equal("problem", verdicts["classBalance"]);
        Assert.Equal("warning", verdicts["colourMix"]);

        var exact = report.GetProperty("exactDuplicates").GetProperty("listed").EnumerateArray()
            .Select(group => (Names(group.GetProperty("images")).First()!, Names(group.GetProperty("images")).Last()!)).Order();
        Assert.Equal(PlantedProblemsDataset.ExactCopies.Order(), exact);
        var near = report.GetProperty("nearDuplicates").GetProperty("listed").EnumerateArray()
            .Select(pair => (pair.GetProperty("first").GetProperty("name").GetString()!, pair.GetProperty("second").GetProperty("name").GetString()!)).Order();
        Assert.Equal(PlantedProblemsDataset.NearCopies.Order(), near);
        Assert.Equal(PlantedProblemsDataset.Corrupt.Order(),
            report.GetProperty("unreadable").GetProperty("listed").EnumerateArray().Select(file => file.GetProperty("image").GetProperty("name").GetString()).Order());
        Assert.Equal(10, report.GetProperty("classBalance").GetProperty("ratio").GetDouble());
        Assert.Equal("weights", report.GetProperty("classBalance").GetProperty("suggestion").GetString());
        Assert.Equal(PlantedProblemsDataset.GrayscaleImages, report.GetProperty("colour").GetProperty("grayscale").GetInt32());
    }

    [Fact]
    public async Task A_job_on_a_dataset_with_problems_is_accepted_with_them_as_warnings()
    {
        var id = await _client.UploadDataset(PlantedProblemsDataset.Zip(), "planted.zip");
        await _client.PollHealthUntilFinished(id);

        var accepted = await (await _client.PostAsJsonAsync("/jobs", new { datasetId = id, model = new { depth = 8, inputSize = 16 }, training = new { epochs = 1 } }))
            .AssertJson(HttpStatusCode.Accepted);

        var warnings = accepted.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Contains(warnings, w => w.Contains("identical", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("classBalance", StringComparison.Ordinal));
        await _client.DeleteAsync($"/jobs/{accepted.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task A_healthy_dataset_is_done_with_ok_and_its_jobs_carry_no_warnings()
    {
        var id = await _client.UploadDataset(PlantedProblemsDataset.HealthyZip(perClass: 10), "healthy.zip");
        var health = await _client.PollHealthUntilFinished(id);

        Assert.Equal("ok", health.GetProperty("report").GetProperty("verdict").GetString());
        var accepted = await (await _client.PostAsJsonAsync("/jobs", new { datasetId = id, model = new { depth = 8, inputSize = 16 }, training = new { epochs = 1 } }))
            .AssertJson(HttpStatusCode.Accepted);
        Assert.Empty(accepted.GetProperty("warnings").EnumerateArray());
        await _client.DeleteAsync($"/jobs/{accepted.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task The_report_goes_with_its_dataset_and_unknown_datasets_have_none()
    {
        var id = await _client.UploadDataset(TestArchives.ImageFolderZip(), "small.zip");
        await _client.PollHealthUntilFinished(id);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/datasets/{id}")).StatusCode);

        await (await _client.GetAsync($"/datasets/{id}/health")).AssertProblem(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/datasets/not-an-id/health")).AssertProblem(HttpStatusCode.NotFound);
        await (await _client.PostAsync($"/datasets/{id}/health", null)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_computes_the_report_again()
    {
        var id = await _client.UploadDataset(TestArchives.ImageFolderZip(), "again.zip");
        var first = await _client.PollHealthUntilFinished(id);

        var queued = await (await _client.PostAsync($"/datasets/{id}/health", null)).AssertJson(HttpStatusCode.Accepted);
        var second = await _client.PollHealthUntilFinished(id);

        Assert.Equal("queued", queued.GetProperty("state").GetString());
        Assert.Equal("done", second.GetProperty("state").GetString());
        Assert.True(second.GetProperty("updatedAt").GetDateTimeOffset() > first.GetProperty("updatedAt").GetDateTimeOffset());
    }
}
