using System.Text.Json;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Cli;

public sealed class DatasetCheckCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resnet-dataset-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Planted_problems_are_each_named_and_the_exit_code_is_3()
    {
        var dataset = Path.Combine(_folder, "planted");
        PlantedProblemsDataset.Write(dataset);

        var (exit, output, error) = CliRunner.Run("dataset", "check", dataset);

        Assert.Equal(3, exit);
        Assert.Equal("", error);
        Assert.Matches(@"problem\s+exactDuplicates", output);
        Assert.Matches(@"warning\s+nearDuplicates", output);
        Assert.Matches(@"warning\s+unreadable", output);
        Assert.Matches(@"problem\s+classBalance.*training\.classBalance", output);
        Assert.Matches(@"warning\s+colourMix", output);
        foreach (var (train, test) in PlantedProblemsDataset.ExactCopies)
            Assert.Contains($"{train} = {test}", output);
        foreach (var (train, test) in PlantedProblemsDataset.NearCopies)
            Assert.Contains($"{train} ~ {test}", output);
        foreach (var corrupt in PlantedProblemsDataset.Corrupt)
            Assert.Matches($@"\n  {corrupt}: \S", output);
        Assert.Contains("Training images per class: cat 600, dog 60", output);
    }

    [Fact]
    public void An_archive_is_checked_as_its_folder_would_be_and_json_carries_the_report()
    {
        var archive = Path.Combine(_folder, "planted.zip");
        File.WriteAllBytes(archive, PlantedProblemsDataset.Zip());

        var (exit, output, _) = CliRunner.Run("dataset", "check", archive, "--json");

        Assert.Equal(3, exit);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("image-folder", report.GetProperty("format").GetString());
        Assert.Equal("problem", report.GetProperty("verdict").GetString());
        Assert.Equal(PlantedProblemsDataset.ExactCopies.Length, report.GetProperty("exactDuplicates").GetProperty("leakedImages").GetInt32());
        Assert.Equal(PlantedProblemsDataset.Corrupt.Length, report.GetProperty("unreadable").GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_healthy_dataset_exits_with_0()
    {
        PlantedProblemsDataset.WriteHealthy(_folder, perClass: 20);

        var (exit, output, _) = CliRunner.Run("dataset", "check", _folder);

        Assert.Equal(0, exit);
        Assert.Contains("image-folder, 80 images (train 40, test 40)", output);
        Assert.DoesNotMatch(@"(warning|problem)\s+\w+", output.Split('\n', 2)[1]);
    }

    [Fact]
    public void A_path_that_is_neither_folder_nor_file_is_a_usage_error()
    {
        var (exit, _, error) = CliRunner.Run("dataset", "check", Path.Combine(_folder, "missing"));

        Assert.Equal(2, exit);
        Assert.Contains("neither a folder nor an archive", error);
    }

    [Fact]
    public void A_folder_without_a_dataset_exits_with_1_and_says_what_is_accepted()
    {
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "no images");

        var (exit, _, error) = CliRunner.Run("dataset", "check", _folder);

        Assert.Equal(1, exit);
        Assert.Contains("Accepted formats", error);
    }
}
