using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

public sealed class DatasetsApiTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    // Deleting needs the admin scope, which requests without a key never have.
    private readonly HttpClient _client = factory.ClientWith(factory.KeyWith(Scopes.Admin));

    [Fact]
    public async Task UploadedDatasetIsListedReadAndDeleted()
    {
        var created = await (await _client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip(3, "cat", "dog", "fish"), name: "pets")))
            .AssertJson(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("pets", created.GetProperty("name").GetString());
        Assert.Equal("image-folder", created.GetProperty("format").GetString());
        Assert.Equal(["cat", "dog", "fish"], created.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(9, created.GetProperty("counts").GetProperty("train").GetProperty("total").GetInt32());
        Assert.Equal(8, created.GetProperty("imageShape").GetProperty("height").GetInt32());

        var listed = await (await _client.GetAsync("/datasets")).AssertJson(HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetString() == id);
        var read = await (await _client.GetAsync($"/datasets/{id}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("pets", read.GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/datasets/{id}")).StatusCode);
        await (await _client.GetAsync($"/datasets/{id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.False(Directory.Exists(Path.Combine(factory.DataRoot, "datasets", id)));
    }

    [Fact]
    public async Task DatasetsAreListedAPageAtATime()
    {
        using var alone = new ServiceFactory();
        using var client = alone.CreateClient();
        var uploaded = new List<string>();
        foreach (var name in new[] { "one", "two", "three" })
            uploaded.Add((await (await client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip(1, "cat", "dog"), name: name)))
                .AssertJson(HttpStatusCode.Created)).GetProperty("id").GetString()!);

        var first = await (await client.GetAsync("/datasets?pageSize=2")).AssertJson(HttpStatusCode.OK);
        var second = await (await client.GetAsync("/datasets?page=2&pageSize=2")).AssertJson(HttpStatusCode.OK);

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(d => d.GetProperty("id").GetString());
        Assert.Equal(uploaded.Order(), listed.Order());
        await (await client.GetAsync("/datasets?page=0")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NameDefaultsToTheFileName()
    {
        var created = await (await _client.PostAsync("/datasets", Multipart.Archive(TestArchives.ImageFolderZip(), "flowers.zip")))
            .AssertJson(HttpStatusCode.Created);

        Assert.Equal("flowers", created.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("not-an-id")]
    [InlineData("..%2F..%2Fetc")]
    public async Task UnknownOrMalformedIdsAreNotFound(string id)
    {
        await (await _client.GetAsync($"/datasets/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync($"/datasets/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnIdOfDotsLeadsOutOfTheDatasetsToTheConsole()
    {
        // The server resolves /datasets/%2E%2E to /, the console's page; deleting there finds nothing.
        var page = await _client.GetAsync("/datasets/%2E%2E");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        await (await _client.DeleteAsync("/datasets/%2E%2E")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownRouteIsANotFoundProblem() =>
        await (await _client.GetAsync("/no/such/thing")).AssertProblem(HttpStatusCode.NotFound);

    [Fact]
    public async Task NonMultipartUploadIsUnsupportedMediaType() =>
        await (await _client.PostAsync("/datasets", new StringContent("{}", Encoding.UTF8, "application/json")))
            .AssertProblem(HttpStatusCode.UnsupportedMediaType);

    [Fact]
    public async Task MissingFilePartIsABadRequest()
    {
        var form = new MultipartFormDataContent { { new StringContent("pets"), "name" } };

        await (await _client.PostAsync("/datasets", form)).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NotAnArchiveIsRefusedAndLeavesNothing()
    {
        var problem = await (await _client.PostAsync("/datasets", Multipart.Archive(TestImages.NotAnImage(), "data.zip")))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("not a .zip", problem.GetProperty("detail").GetString());
        AssertNothingStored();
    }

    [Fact]
    public async Task ImportIsRefusedWithoutAnImportRoot()
    {
        var problem = await (await _client.PostAsJsonAsync("/datasets/import", new { path = "/etc" }))
            .AssertProblem(HttpStatusCode.Forbidden);

        Assert.Contains("Storage:ImportRoot", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ImportFollowsLinksAlongThePathAndRefusesWhatLeadsOutside()
    {
        var root = Directory.CreateTempSubdirectory("resnet-import-").FullName;
        try
        {
            var outside = Directory.CreateTempSubdirectory("resnet-outside-").FullName;
            ZipFile.ExtractToDirectory(new MemoryStream(TestArchives.ImageFolderZip()), Path.Combine(root, "good"));
            ZipFile.ExtractToDirectory(new MemoryStream(TestArchives.ImageFolderZip()), Path.Combine(outside, "stolen"));
            Directory.CreateSymbolicLink(Path.Combine(root, "escape"), outside);
            using var importing = ServiceFactory.With(new() { ["Storage:ImportRoot"] = root });
            var client = importing.CreateClient();

            await (await client.PostAsJsonAsync("/datasets/import", new { path = "good" })).AssertJson(HttpStatusCode.Created);
            await (await client.PostAsJsonAsync("/datasets/import", new { path = "escape/stolen" })).AssertProblem(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync("/datasets/import", new { path = "../" + Path.GetFileName(outside) + "/stolen" })).AssertProblem(HttpStatusCode.Forbidden);
            var missing = await (await client.PostAsJsonAsync("/datasets/import", new { })).AssertProblem(HttpStatusCode.BadRequest);
            Assert.True(missing.GetProperty("errors").TryGetProperty("path", out _));
            Directory.Delete(outside, recursive: true);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task LinksInsideAnImportedFolderThatLeadOutOfTheRootAreRefusedAndThoseThatStayInAreFollowed()
    {
        var root = Directory.CreateTempSubdirectory("resnet-import-").FullName;
        var outside = Directory.CreateTempSubdirectory("resnet-outside-").FullName;
        try
        {
            ZipFile.ExtractToDirectory(new MemoryStream(TestArchives.ImageFolderZip()), Path.Combine(outside, "stolen"));
            ZipFile.ExtractToDirectory(new MemoryStream(TestArchives.ImageFolderZip()), Path.Combine(root, "shared"));
            ZipFile.ExtractToDirectory(new MemoryStream(TestArchives.ImageFolderZip()), Path.Combine(root, "linked"));
            Directory.CreateSymbolicLink(Path.Combine(root, "linked", "pets", "bird"), Path.Combine(root, "shared", "pets", "cat"));
            ZipFile.ExtractToDirectory(new MemoryStream(TestArchives.ImageFolderZip()), Path.Combine(root, "leaky"));
            File.CreateSymbolicLink(Path.Combine(root, "leaky", "pets", "dog", "9.png"), Path.Combine(outside, "stolen", "pets", "dog", "0.png"));
            ZipFile.ExtractToDirectory(new MemoryStream(TestArchives.ImageFolderZip()), Path.Combine(root, "deep"));
            Directory.CreateSymbolicLink(Path.Combine(root, "deep", "pets", "bird"), Path.Combine(outside, "stolen", "pets", "cat"));
            using var importing = ServiceFactory.With(new() { ["Storage:ImportRoot"] = root });
            var client = importing.CreateClient();

            var linked = await (await client.PostAsJsonAsync("/datasets/import", new { path = "linked" })).AssertJson(HttpStatusCode.Created);
            var leaky = await (await client.PostAsJsonAsync("/datasets/import", new { path = "leaky" })).AssertProblem(HttpStatusCode.Forbidden);
            var deep = await (await client.PostAsJsonAsync("/datasets/import", new { path = "deep" })).AssertProblem(HttpStatusCode.Forbidden);

            Assert.Equal(["bird", "cat", "dog"], linked.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
            Assert.Contains("'leaky/pets/dog/9.png' is a symbolic link that leads out of the import root", leaky.GetProperty("detail").GetString());
            Assert.Contains("'deep/pets/bird' is a symbolic link that leads out of the import root", deep.GetProperty("detail").GetString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }

    /// <summary>No staging folder is left behind (other tests of the class may have stored datasets).</summary>
    private void AssertNothingStored() =>
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.Combine(factory.DataRoot, "datasets")), e => Path.GetFileName(e).StartsWith('.'));
}
