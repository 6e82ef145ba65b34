using System.Net;
using System.Net.Http.Json;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Runs;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;
using ResNetService.Api.Tests.PostgreSql;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Api.Tests.Records;

/// <summary>
/// A dataset or model deleted at the very moment a job that uses it is created: one of the two must lose, on each
/// provider, however the requests interleave. Raced many times over, through the API.
/// </summary>
public abstract class DeleteWhileCreatingContract : IDisposable
{
    private const int Rounds = 40;
    private readonly ServiceFactory _factory;
    private readonly Action _dispose;
    private readonly HttpClient _client;

    /// <param name="settings">Where the records are; the API role, so that no job is trained.</param>
    protected DeleteWhileCreatingContract(Dictionary<string, string?> settings, Action dispose)
    {
        settings["Role"] = "api";
        _factory = ServiceFactory.With(settings);
        _dispose = dispose;
        // Deleting needs the admin scope, which takes in every other.
        _client = _factory.ClientWith(_factory.KeyWith(Scopes.Admin));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _dispose();
    }

    private RecordsDatabase Database => _factory.Service<RecordsDatabase>();

    [PostgreSqlFact]
    public async Task ADatasetDeletedAsAJobOnItIsCreatedEitherStaysOrRefusesTheJob()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var datasetId = RecordedRuns.NewDataset(Database);

            var (created, deleted) = await Race(round,
                () => _client.PostAsJsonAsync("/jobs", new { datasetId, model = new { depth = 8 }, training = new { epochs = 1 } }),
                () => _client.DeleteAsync($"/datasets/{datasetId}"));

            Assert.True((created, deleted) is (HttpStatusCode.Accepted, HttpStatusCode.Conflict) or (HttpStatusCode.BadRequest, HttpStatusCode.NoContent),
                $"round {round}: the job was answered {created}, the delete {deleted}");
        }
        AssertEveryActiveRunHasItsInputs();
    }

    [PostgreSqlFact]
    public async Task AModelDeletedAsAJobFromItIsCreatedEitherStaysOrRefusesTheJob()
    {
        var datasetId = RecordedRuns.NewDataset(Database);
        for (var round = 0; round < Rounds; round++)
        {
            var modelId = PublishModel();

            var (created, deleted) = await Race(round,
                () => _client.PostAsJsonAsync("/jobs", new { datasetId, model = new { from = modelId }, training = new { epochs = 1 } }),
                () => _client.DeleteAsync($"/models/{modelId}"));

            Assert.True((created, deleted) is (HttpStatusCode.Accepted, HttpStatusCode.Conflict) or (HttpStatusCode.NotFound, HttpStatusCode.NoContent),
                $"round {round}: the job was answered {created}, the delete {deleted}");
        }
        AssertEveryActiveRunHasItsInputs();
    }

    /// <summary>Both requests released at once, from threads of their own; which one is sent first alternates.</summary>
    private static async Task<(HttpStatusCode Created, HttpStatusCode Deleted)> Race(
        int round, Func<Task<HttpResponseMessage>> create, Func<Task<HttpResponseMessage>> delete)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (first, second) = round % 2 == 0 ? (create, delete) : (delete, create);
        var firstSent = Task.Run(async () => { await start.Task; return await first(); });
        var secondSent = Task.Run(async () => { await start.Task; return await second(); });
        start.SetResult();
        var responses = await Task.WhenAll(firstSent, secondSent);
        var (created, deleted) = round % 2 == 0 ? (responses[0], responses[1]) : (responses[1], responses[0]);
        return (created.StatusCode, deleted.StatusCode);
    }

    private void AssertEveryActiveRunHasItsInputs()
    {
        using var db = Database.Open();
        var orphans = db.Runs.Where(r => !JobTransitions.Finished.Contains(r.State)
                && (!db.Datasets.Any(d => d.Id == r.DatasetId) || (r.SourceModelId != null && !db.Models.Any(m => m.Id == r.SourceModelId))))
            .Select(r => r.Id).ToList();
        Assert.Empty(orphans);
    }

    private string PublishModel()
    {
        var id = ResourceIds.New();
        var checkpoint = _factory.Service<DataRoot>().NewTemporaryPath(".ckpt");
        File.WriteAllBytes(checkpoint, [1, 2, 3]);
        _factory.Service<ModelStore>().Publish(new ModelRow
        {
            Id = id, Name = "source", CreatedAt = DateTimeOffset.UtcNow, History = [], CheckpointPath = ModelRow.CheckpointPathFor(id),
            Description = new ModelDescription(ResNetConfigResolver.Resolve(new NetworkLayout { Depth = 8 }, new ImageShape(1, 8, 8), 2), ["a", "b"], InputNormalization.Identity(1)),
        }, checkpoint);
        return id;
    }
}

public sealed class SqliteDeleteWhileCreatingTests() : DeleteWhileCreatingContract([], () => { });

[Trait(TestCategory.Trait, TestCategory.PostgreSql)]
public sealed class PostgreSqlDeleteWhileCreatingTests : DeleteWhileCreatingContract
{
    public PostgreSqlDeleteWhileCreatingTests() : this(new PostgreSqlDatabase())
    {
    }

    private PostgreSqlDeleteWhileCreatingTests(PostgreSqlDatabase database)
        : base(new() { ["ConnectionStrings:Database"] = database.ConnectionString }, database.Dispose)
    {
    }
}
