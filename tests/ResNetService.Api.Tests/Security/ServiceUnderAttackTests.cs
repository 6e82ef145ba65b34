using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Security;
using ResNetService.Api.Storage;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Model.Preprocessing;
using ResNetService.Model.Tests.Import;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Api.Tests.Security;

/// <summary>The real executable, on a loopback port, against requests meant to exhaust it.</summary>
[Trait(TestCategory.Trait, TestCategory.Process)]
public sealed class ServiceUnderAttackTests : IDisposable
{
    private const string Key = "attack-test-admin-key-0123456789abcdef";
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("resnet-attack-").FullName;
    private readonly string _url = ServiceProcess.FreeLoopbackUrl();
    private ServiceProcess? _service;

    public void Dispose()
    {
        _service?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataRoot, recursive: true);
    }

    private async Task<HttpClient> Start(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string>
        {
            ["Storage:DataRoot"] = _dataRoot, ["Training:Device"] = "cpu", ["Auth:ApiKey"] = Key,
        };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        _service = ServiceProcess.Start("all", configuration, _url);
        return await _service.ReadyClientAsync();
    }

    [Fact]
    public async Task AHugeUploadWithoutAKeyIsRefusedBeforeItsBodyIsSent()
    {
        var client = await Start();
        var body = new CountingContent(300L << 20);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/datasets") { Content = body };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(body.Sent < 1 << 20, $"{body.Sent} bytes of the body were sent");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dataRoot, "tmp")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dataRoot, "datasets")));
        // The audit line is written once the answer has gone out.
        await _service!.WaitForOutputAsync("Audit: POST /datasets");
        Assert.Contains("answered 401", _service.Output);
    }

    [Fact]
    public async Task AnEscapedLineBreakInThePathCannotForgeAnAuditLine()
    {
        var client = await Start();
        const string forged = "[00:00:00 INF] ResNetService.Api.Security.AuditLog : Audit: DELETE /keys by key ops answered 204";

        using var response = await client.PostAsync("/datasets%0A" + Uri.EscapeDataString(forged), Multipart.Archive([1, 2, 3]));

        // No route matches the forged path: the answer is 404, and the audit line says so.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await _service!.WaitForOutputAsync("answered 404");
        var audit = _service.Output.Split('\n').Where(l => l.Contains("Audit:", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(audit, line => line.StartsWith(forged, StringComparison.Ordinal));
        Assert.Contains(audit, line => line.Contains("(/datasets%0A", StringComparison.Ordinal) && line.Contains("answered 404", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThirtyTwoHugeImagesAtOnceAreRefusedWithoutExhaustingMemory()
    {
        PublishTinyModel();
        var client = await Start();
        client.DefaultRequestHeaders.Add(AuthOptions.HeaderName, Key);
        var huge = SolidPng(8000, 8000);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 32).Select(async i =>
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(huge), "image", $"huge-{i}.png" } };
            using var response = await client.PostAsync("/classify", form);
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var peak = PeakResidentBytes(_service!.Id);
        Assert.True(peak < 3L << 30, $"peak RSS {peak >> 20} MiB");
    }

    [Fact]
    public async Task ASmallPyTorchFileDeclaringAHugeTensorIsRefusedWithoutAllocatingIt()
    {
        var client = await Start();
        client.DefaultRequestHeaders.Add(AuthOptions.HeaderName, Key);
        var path = Path.Combine(_dataRoot, "huge.pt");
        PyTorchFiles.WriteOneTensor(path, "fc1.weight", [12_000, 12_000], storageBytes: 12_000L * 12_000 * sizeof(float));
        var before = PeakResidentBytes(_service!.Id);

        using var form = ImportForms.Form(File.ReadAllBytes(path), "huge.pt", ("architecture", ImportForms.TinyArchitecture()), ("classes", "a,b"));
        var problem = await (await client.PostAsync("/models/import", form)).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("'fc1.weight' has shape [12000, 12000], the architecture expects [2, 4].",
            problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(e => e.GetString()));
        var growth = PeakResidentBytes(_service.Id) - before;
        Assert.True(growth < 256L << 20, $"peak RSS grew by {growth >> 20} MiB for a {new FileInfo(path).Length >> 10} KiB file");
    }

    [Fact]
    public async Task AnArchitectureOverTheParameterCapIsRefusedBeforeItsNetworkIsBuilt()
    {
        var client = await Start();
        client.DefaultRequestHeaders.Add(AuthOptions.HeaderName, Key);
        var before = PeakResidentBytes(_service!.Id);

        using var form = ImportForms.Form([2, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}'], "empty.safetensors",
            ("architecture", """{"units":[2],"filters":[4096,4096],"inputChannels":3,"inputSize":32}"""), ("classes", "a,b"));
        var problem = await (await client.PostAsync("/models/import", form)).AssertProblem(HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty("architecture.filters")[0].GetString();
        Assert.StartsWith("This network would have 6", message);
        Assert.EndsWith("parameters; at most 150,000,000 are allowed on this host.", message);
        var growth = PeakResidentBytes(_service.Id) - before;
        Assert.True(growth < 256L << 20, $"peak RSS grew by {growth >> 20} MiB");
    }

    [Fact]
    public async Task AModelWithHugeInputsIsWarmedUpAtABatchItsMemoryAllows()
    {
        var client = await Start(("Classification:WarmupMemoryBytes", (64L << 20).ToString(CultureInfo.InvariantCulture)));
        client.DefaultRequestHeaders.Add(AuthOptions.HeaderName, Key);
        var id = PublishTinyModel(side: 1024);
        var before = PeakResidentBytes(_service!.Id);

        (await client.PutAsJsonAsync("/models/default", new { modelId = id })).EnsureSuccessStatusCode();

        var growth = PeakResidentBytes(_service.Id) - before;
        Assert.True(growth < 512L << 20, $"peak RSS grew by {growth >> 20} MiB");
    }

    /// <summary>A tiny model written into the data root, as a finished job leaves one.</summary>
    /// <returns>Its id.</returns>
    private string PublishTinyModel(int side = 8)
    {
        var database = RecordsDatabase.Sqlite(Path.Combine(_dataRoot, RecordsOptions.SqliteFileName));
        using (var db = database.Open())
            db.Database.Migrate();
        var root = new DataRoot(Options.Create(new StorageOptions { DataRoot = _dataRoot }));
        var config = ResNetConfigResolver.Resolve(new NetworkLayout { Units = [1], Filters = [4, 4] }, new ImageShape(3, side, side), 2);
        var description = new ModelDescription(config, ["a", "b"], InputNormalization.Identity(3));
        var checkpoint = root.NewTemporaryPath(".ckpt");
        using (var model = new ResNet(config))
            ModelCheckpoint.Save(checkpoint, model, description);
        var id = ResourceIds.New();
        new ModelStore(database, root, NullLogger<ModelStore>.Instance).Publish(new ModelRow
        {
            Id = id, Name = "tiny", CreatedAt = DateTimeOffset.UtcNow, Description = description, History = [],
            CheckpointPath = ModelRow.CheckpointPathFor(id),
        }, checkpoint);
        return id;
    }

    private static byte[] SolidPng(int width, int height)
    {
        using var image = new Image<L8>(width, height, new L8(200));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    /// <summary>The most memory the process ever held (VmHWM), from /proc.</summary>
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>A multipart body of the given length, made as it is sent, counting what was.</summary>
    private sealed class CountingContent : HttpContent
    {
        private readonly long _length;

        public CountingContent(long length)
        {
            _length = length;
            Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        }

        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[1 << 16];
            while (Sent < _length)
            {
                var size = (int)Math.Min(chunk.Length, _length - Sent);
                await stream.WriteAsync(chunk.AsMemory(0, size));
                Sent += size;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
