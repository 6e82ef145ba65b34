using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ResNetService.Api.Models;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Import;

namespace ResNetService.Api.Tests.Import;

/// <summary>POST /models/import: weights exported here come back as a model that classifies the same; bad files store nothing.</summary>
public sealed class ModelImportApiTests : IDisposable
{
    private static readonly string[] Classes = ["a", "b"];
    private readonly ServiceFactory _factory = new();
    private readonly HttpClient _client;

    public ModelImportApiTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("pytorch", "weights.pt")]
    [InlineData("safetensors", "weights.safetensors")]
    public async Task ExportedWeightsImportToAModelThatClassifiesTheSame(string format, string fileName)
    {
        var original = TestModels.Publish(_factory, "original", Classes);
        var weights = await Export(original.Id, format);

        var response = await _client.PostAsync("/models/import", ImportForms.Form(weights, fileName,
            ("architecture", ImportForms.TinyArchitecture()), ("classes", "a,b"), ("mean", "0.5,0.5,0.5"), ("std", "0.25, 0.25, 0.25"), ("name", "imported")));

        var imported = await response.AssertJson(HttpStatusCode.Created);
        var id = imported.GetProperty("id").GetString()!;
        Assert.Equal($"/models/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("imported", imported.GetProperty("name").GetString());
        Assert.Equal($"{fileName} ({format})", imported.GetProperty("importedFrom").GetString());
        Assert.Equal(JsonValueKind.Null, imported.GetProperty("sourceJobId").ValueKind);
        var image = TestImages.Png(11, 9, seed: 3);
        var expected = await Probabilities(original.Id, image);
        var actual = await Probabilities(id, image);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, p => Assert.True(Math.Abs(p.Value - actual[p.Key]) <= 1e-5, $"{p.Key}: {p.Value} against {actual[p.Key]}"));
    }

    [Fact]
    public async Task AnImportedModelStartsAJob()
    {
        var datasetId = await _client.UploadDataset(LearnableDataset.Zip(trainCount: 32, testCount: 8), "squares.zip");
        var dataset = await (await _client.GetAsync($"/datasets/{datasetId}")).AssertJson(HttpStatusCode.OK);
        var classes = dataset.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var trained = TestModels.Publish(_factory, "elsewhere", classes, channels: 1, side: LearnableDataset.Side);
        var weights = await Export(trained.Id, "safetensors");
        var imported = await (await _client.PostAsync("/models/import", ImportForms.Form(weights, "elsewhere.safetensors",
            ("architecture", ImportForms.TinyArchitecture(channels: 1, side: LearnableDataset.Side)), ("classes", string.Join(',', classes)))))
            .AssertJson(HttpStatusCode.Created);

        var job = await _client.RunJob(new { datasetId, model = new { from = imported.GetProperty("id").GetString() }, training = new { epochs = 1, batchSize = 8 } });

        Assert.False(job.GetProperty("classifierReinitialised").GetBoolean());
        Assert.Equal(imported.GetProperty("id").GetString(), job.GetProperty("fromModelId").GetString());
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "truncated", "weights.safetensors", "truncated or corrupt" },
        { "pytorch-named-safetensors", "weights.safetensors", "not a safetensors file" },
        { "garbage-pytorch", "weights.pt", "it is not a PyTorch file" },
        { "nan", "weights.safetensors", "NaN" },
        { "wrong-shapes", "weights.pt", "the architecture expects" },
        { "extra-tensors", "weights.pt", "is no tensor of this network" },
        { "missing-tensors", "weights.pt", "is missing" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileIsABadRequestNamingTheProblemAndStoresNothing(string kind, string fileName, string expected)
    {
        var original = TestModels.Publish(_factory, "original", Classes);
        var architecture = ImportForms.TinyArchitecture();
        byte[] weights;
        switch (kind)
        {
            case "truncated":
                var whole = await Export(original.Id, "safetensors");
                weights = whole[..(whole.Length * 2 / 3)];
                break;
            case "pytorch-named-safetensors":
                weights = await Export(original.Id, "pytorch");
                break;
            case "garbage-pytorch":
                weights = [.. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))];
                break;
            case "nan":
                weights = WithNaN(await Export(original.Id, "safetensors"));
                break;
            case "wrong-shapes":
                weights = await Export(original.Id, "pytorch");
                architecture = """{"units":[1],"filters":[8,8],"inputChannels":3,"inputSize":8}""";
                break;
            case "extra-tensors":
                weights = await Export(TestModels.Publish(_factory, "two-stages", Classes, stages: 2).Id, "pytorch");
                break;
            default:
                weights = await Export(original.Id, "pytorch");
                architecture = """{"units":[1,1],"filters":[4,4,4],"inputChannels":3,"inputSize":8}""";
                break;
        }
        var modelsBefore = (await (await _client.GetAsync("/models")).AssertJson(HttpStatusCode.OK)).GetProperty("total").GetInt32();

        var problem = await (await _client.PostAsync("/models/import", ImportForms.Form(weights, fileName, ("architecture", architecture), ("classes", "a,b"))))
            .AssertProblem(HttpStatusCode.BadRequest);

        var problems = problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(fileName, problem.GetProperty("detail").GetString());
        Assert.Equal(modelsBefore, (await (await _client.GetAsync("/models")).AssertJson(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_factory.DataRoot, "tmp")));
        Assert.Equal(modelsBefore, Directory.EnumerateDirectories(Path.Combine(_factory.DataRoot, "models")).Count());
    }

    [Fact]
    public async Task MissingOrMalformedFieldsAreValidationProblemsPerField()
    {
        var original = TestModels.Publish(_factory, "original", Classes);
        var weights = await Export(original.Id, "pytorch");

        var problem = await (await _client.PostAsync("/models/import", ImportForms.Form(weights, "weights.bin.unknown",
            ("architecture", "{\"depth\": "), ("mean", "0.5,x")))).AssertProblem(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["architecture", "format", "mean"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("checkpoint, pytorch, safetensors, mxnet", errors.GetProperty("format")[0].GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_factory.DataRoot, "tmp")));
    }

    [Fact]
    public async Task ArchitectureClassesAndNormalisationAreCheckedAgainstEachOther()
    {
        var original = TestModels.Publish(_factory, "original", Classes);
        var weights = await Export(original.Id, "pytorch");

        var problem = await (await _client.PostAsync("/models/import", ImportForms.Form(weights, "weights.pt",
            ("architecture", """{"depth": 30, "inputChannels": 3, "inputSize": 8}"""), ("classes", "a,a"), ("std", "0.25,0.25")))).AssertProblem(HttpStatusCode.BadRequest);
        var noSize = await (await _client.PostAsync("/models/import", ImportForms.Form(weights, "weights.pt",
            ("architecture", """{"units":[1],"filters":[4,4]}"""), ("classes", "a,b"), ("std", "0.25,0.25")))).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Equal(["classes"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(["architecture.inputSize"], noSize.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var channels = await (await _client.PostAsync("/models/import", ImportForms.Form(weights, "weights.pt",
            ("architecture", ImportForms.TinyArchitecture()), ("classes", "a,b"), ("std", "0.25,0.25")))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("3", channels.GetProperty("errors").GetProperty("std")[0].GetString());
    }

    [Fact]
    public async Task ASecondImportWhileOneIsConvertingIsAnsweredBusyWithRetryAfter()
    {
        var store = _factory.Services.GetRequiredService<ModelStore>();
        var held = new HeldUpload();
        var first = store.ImportAsync(held, "held.safetensors", WeightsFormat.SafeTensors, new ModelImportSpec(null, null, null, null), null, [], CancellationToken.None);
        await held.Reading;
        byte[] empty = [2, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}'];

        var busy = await _client.PostAsync("/models/import", ImportForms.Form(empty, "w.safetensors", ("architecture", ImportForms.TinyArchitecture()), ("classes", "a,b")));

        await busy.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
        held.Release();
        Assert.Null(await first);
        await (await _client.PostAsync("/models/import", ImportForms.Form(empty, "w.safetensors", ("architecture", ImportForms.TinyArchitecture()), ("classes", "a,b"))))
            .AssertProblem(HttpStatusCode.BadRequest);
    }

    /// <summary>An upload that, once read, sends nothing until released: an import holding its turn.</summary>
    private sealed class HeldUpload : MemoryStream
    {
        private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reading => _reading.Task;

        public void Release() => _released.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _reading.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            return 0;
        }
    }

    private async Task<byte[]> Export(string modelId, string format)
    {
        var response = await _client.GetAsync($"/models/{modelId}/export?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<Dictionary<string, double>> Probabilities(string modelId, byte[] image)
    {
        var response = await (await _client.PostAsync($"/classify?modelId={modelId}&topK=2", Multipart.Files("image", ("x.png", image)))).AssertJson(HttpStatusCode.OK);
        return response.GetProperty("results")[0].GetProperty("predictions").EnumerateArray()
            .ToDictionary(p => p.GetProperty("label").GetString()!, p => p.GetProperty("probability").GetDouble());
    }

    /// <summary>The first tensor's first value made NaN (safetensors: an 8-byte header length, the JSON header, then the data).</summary>
    private static byte[] WithNaN(byte[] safetensors)
    {
        var copy = (byte[])safetensors.Clone();
        var dataStart = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(copy);
        BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan(dataStart), float.NaN);
        return copy;
    }
}
