using System.Formats.Tar;
using System.IO.Compression;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Archives;

namespace ResNetService.Training.Tests.Data;

public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly TempFolder temp = new();

    private string Destination => temp.Combine("out");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Zip_and_tar_gz_extract_files_in_their_folders()
    {
        temp.WriteFile("src/a/one.txt", [1, 2, 3]);
        temp.WriteFile("src/b/c/two.txt", [4]);
        ArchiveBuilder.ZipFolder(temp.Combine("src"), temp.Combine("data.zip"));
        ArchiveBuilder.TarGzFolder(temp.Combine("src"), temp.Combine("data.tgz"));

        ArchiveExtractor.Extract(temp.Combine("data.zip"), temp.Combine("zip"), ExtractionLimits.Default);
        ArchiveExtractor.Extract(temp.Combine("data.tgz"), temp.Combine("tgz"), ExtractionLimits.Default);

        foreach (var folder in new[] { "zip", "tgz" })
        {
            Assert.Equal([1, 2, 3], File.ReadAllBytes(temp.Combine(folder, "a", "one.txt")));
            Assert.Equal([4], File.ReadAllBytes(temp.Combine(folder, "b", "c", "two.txt")));
        }
    }

    [Fact]
    public void Archive_kind_comes_from_content_not_name()
    {
        ArchiveBuilder.Tar(temp.Combine("upload.bin"), ArchiveBuilder.TarFileEntry("x.txt", [9]));

        Assert.Equal(ArchiveKind.Tar, ArchiveKindDetector.Detect(temp.Combine("upload.bin")));
        ArchiveExtractor.Extract(temp.Combine("upload.bin"), Destination, ExtractionLimits.Default);
        Assert.Equal([9], File.ReadAllBytes(Path.Combine(Destination, "x.txt")));
    }

    [Theory]
    [InlineData("../x", "'..'")]
    [InlineData("a/../../x", "'..'")]
    [InlineData("..\\x", "'..'")]
    [InlineData("/tmp/x", "absolute")]
    public void Zip_refuses_escaping_paths_and_writes_nothing(string name, string reason)
    {
        ArchiveBuilder.Zip(temp.Combine("evil.zip"), ("fine/first.txt", [1]), (name, [2]));

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("evil.zip"), Destination, ExtractionLimits.Default));

        Assert.Contains(name, error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal(["evil.zip", "out"], temp.Contents());
        Assert.False(File.Exists("/tmp/x"));
    }

    [Theory]
    [InlineData("../x", "'..'")]
    [InlineData("/tmp/x", "absolute")]
    public void Tar_refuses_escaping_paths_and_writes_nothing(string name, string reason)
    {
        ArchiveBuilder.Tar(
            temp.Combine("evil.tar"),
            ArchiveBuilder.TarFileEntry("fine/first.txt", [1]),
            ArchiveBuilder.TarFileEntry(name, [2]));

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("evil.tar"), Destination, ExtractionLimits.Default));

        Assert.Contains(name, error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal(["evil.tar", "out"], temp.Contents());
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink)]
    [InlineData(TarEntryType.HardLink)]
    public void Tar_refuses_links(TarEntryType type)
    {
        ArchiveBuilder.Tar(
            temp.Combine("links.tar"),
            ArchiveBuilder.TarFileEntry("first.txt", [1]),
            new PaxTarEntry(type, "passwd") { LinkName = "/etc/passwd" });

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("links.tar"), Destination, ExtractionLimits.Default));

        Assert.Contains("'passwd'", error.Message);
        Assert.Equal(["links.tar", "out"], temp.Contents());
    }

    [Fact]
    public void Tar_refuses_devices()
    {
        ArchiveBuilder.Tar(
            temp.Combine("device.tar"),
            new PaxTarEntry(TarEntryType.CharacterDevice, "null") { DeviceMajor = 1, DeviceMinor = 3 });

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("device.tar"), Destination, ExtractionLimits.Default));

        Assert.Contains("'null'", error.Message);
    }

    [Fact]
    public void Zip_refuses_symlink_entries()
    {
        using (var archive = ZipFile.Open(temp.Combine("link.zip"), ZipArchiveMode.Create))
        {
            var link = archive.CreateEntry("link");
            link.ExternalAttributes = unchecked((int)0xA1FF0000); // S_IFLNK | 0777
            using var stream = link.Open();
            stream.Write("/etc/passwd"u8);
        }

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("link.zip"), Destination, ExtractionLimits.Default));

        Assert.Contains("'link'", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public void An_entry_expanding_past_the_single_entry_limit_is_refused_and_removed()
    {
        ArchiveBuilder.Zip(temp.Combine("bomb.zip"), ("small.txt", [1]), ("dir/big.bin", new byte[100_000]));
        var limits = ExtractionLimits.Default with { MaxEntryBytes = 10_000 };

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("bomb.zip"), Destination, limits));

        Assert.Contains("dir/big.bin", error.Message);
        Assert.Equal(["bomb.zip", "out"], temp.Contents());
    }

    [Fact]
    public void A_zip_entry_whose_header_understates_its_size_never_expands_past_the_claim()
    {
        var zipPath = temp.Combine("liar.zip");
        ArchiveBuilder.Zip(zipPath, ("liar.bin", new byte[100_000]));
        ClaimUncompressedSize(zipPath, 10);
        var limits = ExtractionLimits.Default with { MaxEntryBytes = 1_000 };

        ArchiveExtractor.Extract(zipPath, Destination, limits);

        Assert.True(new FileInfo(Path.Combine(Destination, "liar.bin")).Length <= 10);
    }

    [Fact]
    public void The_total_limit_counts_bytes_actually_written()
    {
        ArchiveBuilder.Tar(
            temp.Combine("many.tar"),
            ArchiveBuilder.TarFileEntry("a.bin", new byte[6_000]),
            ArchiveBuilder.TarFileEntry("b.bin", new byte[6_000]));
        var limits = ExtractionLimits.Default with { MaxTotalBytes = 10_000 };

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("many.tar"), Destination, limits));

        Assert.Contains("'b.bin'", error.Message);
        Assert.Equal(["many.tar", "out"], temp.Contents());
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        ArchiveBuilder.Zip(temp.Combine("many.zip"), ("a", [1]), ("b", [2]), ("c", [3]));
        var limits = ExtractionLimits.Default with { MaxEntries = 2 };

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("many.zip"), Destination, limits));

        Assert.Contains("more than 2 entries", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    [Fact]
    public void A_zip_entry_nested_absurdly_deep_is_refused_from_its_name_before_anything_is_written()
    {
        var deep = string.Concat(Enumerable.Repeat("a/", 32_000)) + "x.png";
        ArchiveBuilder.Zip(temp.Combine("deep.zip"), ("fine/first.txt", [1]), (deep, [2]));
        var limits = ExtractionLimits.Default with { MaxPathLength = 100_000 };

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("deep.zip"), Destination, limits));

        Assert.Contains("nested 32000 folders deep; at most 32", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
        Assert.Equal(["deep.zip"], temp.Contents());
    }

    [Fact]
    public void A_tar_entry_with_an_absurdly_long_path_is_refused_from_its_name()
    {
        var deep = string.Concat(Enumerable.Repeat("a/", 32_000)) + "x.png";
        ArchiveBuilder.Tar(temp.Combine("deep.tar"), ArchiveBuilder.TarFileEntry(deep, [2]));

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("deep.tar"), Destination, ExtractionLimits.Default));

        Assert.Contains("has a path of 64005 characters; at most 1024", error.Message);
        Assert.Equal(["deep.tar", "out"], temp.Contents());
    }

    [Fact]
    public void A_file_that_is_not_an_archive_is_refused()
    {
        temp.WriteFile("notes.txt", "hello"u8.ToArray());

        var error = Assert.Throws<DatasetException>(
            () => ArchiveExtractor.Extract(temp.Combine("notes.txt"), Destination, ExtractionLimits.Default));

        Assert.Contains("notes.txt", error.Message);
    }

    private static void ClaimUncompressedSize(string zipPath, int claimed)
    {
        var bytes = File.ReadAllBytes(zipPath);
        var localHeader = bytes.AsSpan().IndexOf("PK\u0003\u0004"u8);
        var centralHeader = bytes.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BitConverter.TryWriteBytes(bytes.AsSpan(localHeader + 22, 4), claimed);
        BitConverter.TryWriteBytes(bytes.AsSpan(centralHeader + 24, 4), claimed);
        File.WriteAllBytes(zipPath, bytes);
    }
}
