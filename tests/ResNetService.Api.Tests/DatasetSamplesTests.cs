using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using ResNetService.Api.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Api.Tests;

public sealed class DatasetSamplesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ImageFolderSamplesAreTheClassesOwnImages()
    {
        var id = await UploadAsync(TestArchives.ImageFolderZip(3, "cat", "dog"));

        var samples = await (await _client.GetAsync($"/datasets/{id}/samples?count=2")).AssertJson(HttpStatusCode.OK);

        Assert.Equal(["cat", "cat", "dog", "dog"], samples.EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        foreach (var sample in samples.EnumerateArray())
        {
            // The archive's images are 8x8, under the thumbnail size, so each comes back pixel for pixel.
            var label = sample.GetProperty("class").GetInt32();
            var originals = Enumerable.Range(0, 3).Select(i => Pixels(TestImages.Png(8, 8, seed: label * 50 + i)));
            Assert.Contains(originals, pixels => pixels.SequenceEqual(Pixels(Png(sample))));
        }
        Assert.Equal(4, samples.EnumerateArray().Select(s => s.GetProperty("png").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task SamplesAreReadFromTheIndexOfTheFirstRequestNotByReadingTheDatasetAgain()
    {
        var id = await UploadAsync(TestArchives.ImageFolderZip(2, "cat", "dog"));
        var first = await (await _client.GetAsync($"/datasets/{id}/samples?count=1")).AssertJson(HttpStatusCode.OK);
        // A folder that appears later is seen only by a request that reads the whole dataset again.
        var cat = Directory.EnumerateDirectories(Path.Combine(factory.DataRoot, "datasets", id), "cat", SearchOption.AllDirectories).Single();
        var zebra = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(cat)!, "zebra")).FullName;
        File.WriteAllBytes(Path.Combine(zebra, "z.png"), TestImages.Png(8, 8, seed: 7));

        var again = await (await _client.GetAsync($"/datasets/{id}/samples?count=2")).AssertJson(HttpStatusCode.OK);

        Assert.Equal(["cat", "dog"], first.EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        Assert.Equal(["cat", "cat", "dog", "dog"], again.EnumerateArray().Select(s => s.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task NamedSamplesComeFromAnySplitByTheNamesAHealthReportUses()
    {
        var id = await UploadAsync(TestArchives.Zip(
            ("train/cat/a.png", TestImages.Png(8, 8, seed: 1)), ("train/dog/b.png", TestImages.Png(8, 8, seed: 2)), ("test/cat/c.png", TestImages.Png(8, 8, seed: 3))));

        var samples = await (await _client.GetAsync($"/datasets/{id}/samples?name=test/cat/c.png&name=train/dog/b.png&name=nowhere.png")).AssertJson(HttpStatusCode.OK);

        Assert.Equal([("train/dog/b.png", "train"), ("test/cat/c.png", "test")],
            samples.EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("split").GetString())));
        Assert.Equal(Pixels(TestImages.Png(8, 8, seed: 3)), Pixels(Png(samples[1])));
        var tooMany = string.Join('&', Enumerable.Range(0, 101).Select(i => $"name={i}.png"));
        await (await _client.GetAsync($"/datasets/{id}/samples?{tooMany}")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task IdxSamplesAreShrunkToTheSizeAsked()
    {
        var labels = new byte[] { 0, 1, 2, 0, 1, 2 };
        var id = await UploadAsync(TestArchives.Zip(("train-images-idx3-ubyte", IdxImages(labels.Length, 20)), ("train-labels-idx1-ubyte", IdxLabels(labels))));

        var samples = await (await _client.GetAsync($"/datasets/{id}/samples?class=2&count=5&size=10")).AssertJson(HttpStatusCode.OK);

        Assert.Equal([2, 5], samples.EnumerateArray().Select(s => s.GetProperty("index").GetInt32()));
        foreach (var sample in samples.EnumerateArray())
        {
            using var image = Image.Load<L8>(Png(sample));
            Assert.Equal((10, 10), (image.Width, image.Height));
            // Every pixel of IDX image i is 20 * i; shrinking keeps a flat image flat.
            Assert.Equal((byte)(20 * sample.GetProperty("index").GetInt32()), image[5, 5].PackedValue);
        }
    }

    [Fact]
    public async Task BadQueriesAreValidationProblems()
    {
        var id = await UploadAsync(TestArchives.ImageFolderZip(2, "cat", "dog"));

        var problem = await (await _client.GetAsync($"/datasets/{id}/samples?class=horse&count=0&size=4")).AssertProblem(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("cat, dog", errors.GetProperty("class")[0].GetString());
        Assert.True(errors.TryGetProperty("count", out _));
        Assert.True(errors.TryGetProperty("size", out _));
        await (await _client.GetAsync("/datasets/00000000000000000000000000000000/samples")).AssertProblem(HttpStatusCode.NotFound);
    }

    private async Task<string> UploadAsync(byte[] archive) =>
        (await (await _client.PostAsync("/datasets", Multipart.Archive(archive))).AssertJson(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static byte[] Png(JsonElement sample) => Convert.FromBase64String(sample.GetProperty("png").GetString()!);

    private static Rgb24[] Pixels(byte[] png)
    {
        using var image = Image.Load<Rgb24>(png);
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    private static byte[] IdxImages(int count, int side)
    {
        var bytes = new byte[16 + count * side * side];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 2051);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), side);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), side);
        for (var i = 0; i < count; i++)
            bytes.AsSpan(16 + i * side * side, side * side).Fill((byte)(20 * i));
        return bytes;
    }

    private static byte[] IdxLabels(byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 2049);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }
}
