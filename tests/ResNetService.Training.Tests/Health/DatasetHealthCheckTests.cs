using ResNetService.Api.Tests.Support;
using ResNetService.Training.Data;
using ResNetService.Training.Health;
using ResNetService.Training.Tests.Data;

namespace ResNetService.Training.Tests.Health;

public sealed class DatasetHealthCheckTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static HealthFinding FindingOf(HealthReport report, string check) => Assert.Single(report.Findings, finding => finding.Check == check);

    [Fact]
    public void Planted_problems_are_each_named_and_the_distinct_images_raise_no_false_duplicates()
    {
        PlantedProblemsDataset.Write(temp.Path);

        var report = DatasetHealthCheck.Run(temp.Path, HealthOptions.Default);

        Assert.Equal(HealthVerdicts.Problem, report.Verdict);
        Assert.Equal(PlantedProblemsDataset.DistinctImages + 8, report.Images);

        Assert.Equal(HealthVerdicts.Problem, FindingOf(report, HealthChecks.ExactDuplicates).Verdict);
        Assert.Equal(PlantedProblemsDataset.ExactCopies.Length, report.ExactDuplicates.Groups);
        Assert.Equal(PlantedProblemsDataset.ExactCopies.Length, report.ExactDuplicates.LeakedImages);
        var exactPairs = report.ExactDuplicates.Listed.Select(group => (group.Images[0].Name, group.Images[1].Name)).Order();
        Assert.Equal(PlantedProblemsDataset.ExactCopies.Order(), exactPairs);

        Assert.Equal(HealthVerdicts.Warning, FindingOf(report, HealthChecks.NearDuplicates).Verdict);
        var nearPairs = report.NearDuplicates.Listed.Select(pair => (pair.First.Name, pair.Second.Name)).Order();
        Assert.Equal(PlantedProblemsDataset.NearCopies.Order(), nearPairs);
        Assert.Equal(PlantedProblemsDataset.NearCopies.Length, report.NearDuplicates.Pairs);

        Assert.Equal(HealthVerdicts.Warning, FindingOf(report, HealthChecks.Unreadable).Verdict);
        Assert.Equal(PlantedProblemsDataset.Corrupt.Order(), report.Unreadable.Listed.Select(file => file.Image.Name).Order());
        Assert.All(report.Unreadable.Listed, file => Assert.False(string.IsNullOrWhiteSpace(file.Reason)));

        Assert.Equal(HealthVerdicts.Problem, FindingOf(report, HealthChecks.ClassBalance).Verdict);
        Assert.Equal(10, report.ClassBalance.Ratio);
        Assert.Equal("weights", report.ClassBalance.Suggestion);
        Assert.Contains("classBalance", FindingOf(report, HealthChecks.ClassBalance).Message);

        Assert.Equal(HealthVerdicts.Warning, FindingOf(report, HealthChecks.ColourMix).Verdict);
        Assert.Equal(PlantedProblemsDataset.GrayscaleImages, report.Colour.Grayscale);

        Assert.Equal(HealthVerdicts.Ok, FindingOf(report, HealthChecks.ClassNames).Verdict);
        Assert.Equal(HealthVerdicts.Ok, FindingOf(report, HealthChecks.SmallImages).Verdict);
        Assert.Equal(HealthVerdicts.Ok, FindingOf(report, HealthChecks.ImageSizes).Verdict);
    }

    [Fact]
    public void Class_names_differing_only_by_case_or_spacing_are_a_problem()
    {
        foreach (var name in new[] { "Cat", "cat", "big dog", "big_dog", "bird" })
            TestImages.ColourPng(temp.Combine(name, "a.png"), 8, 8, seed: name.Length);

        var report = DatasetHealthCheck.Run(temp.Path, HealthOptions.Default);

        Assert.Equal(HealthVerdicts.Problem, FindingOf(report, HealthChecks.ClassNames).Verdict);
        Assert.Equal([["Cat", "cat"], ["big dog", "big_dog"]], report.ClassNameClashes.Select(clash => clash.Classes.ToArray()).ToArray());
    }

    [Fact]
    public void Idx_records_copied_from_train_into_test_are_exact_duplicates_and_all_grayscale()
    {
        temp.WriteFile("train-images-idx3-ubyte", DatasetFileWriters.IdxImages(4, 8, 8, (image, pixel) => (byte)(image * 50 + pixel)));
        temp.WriteFile("train-labels-idx1-ubyte", DatasetFileWriters.IdxLabels(0, 1, 0, 1));
        temp.WriteFile("t10k-images-idx3-ubyte", DatasetFileWriters.IdxImages(2, 8, 8, (image, pixel) => (byte)((image + 2) * 50 + pixel)));
        temp.WriteFile("t10k-labels-idx1-ubyte", DatasetFileWriters.IdxLabels(0, 1));

        var report = DatasetHealthCheck.Run(temp.Path, HealthOptions.Default);

        Assert.Equal(DatasetFormats.Idx, report.Format);
        Assert.Equal(2, report.ExactDuplicates.GroupsAcrossSplits);
        Assert.Equal(["train-images-idx3-ubyte#2", "t10k-images-idx3-ubyte#0"], report.ExactDuplicates.Listed[0].Images.Select(image => image.Name));
        Assert.Equal((0, 6), (report.Colour.Colour, report.Colour.Grayscale));
        Assert.Equal(HealthVerdicts.Ok, FindingOf(report, HealthChecks.ColourMix).Verdict);
        Assert.Equal(new ImageSize(8, 8, 6), Assert.Single(report.Sizes.Common));
    }

    [Fact]
    public void Cifar_batches_report_their_repeated_records_and_colour()
    {
        for (var batch = 1; batch <= 5; batch++)
            temp.WriteFile($"data_batch_{batch}.bin", DatasetFileWriters.CifarRecords(1, (byte)(batch - 1), 9));
        temp.WriteFile("test_batch.bin", DatasetFileWriters.CifarRecords(1, 3));

        var report = DatasetHealthCheck.Run(temp.Path, HealthOptions.Default);

        Assert.Equal(DatasetFormats.Cifar10, report.Format);
        Assert.Equal(11, report.Images);
        Assert.Equal(2, report.ExactDuplicates.Groups);
        Assert.Equal(1, report.ExactDuplicates.GroupsAcrossSplits);
        Assert.Equal(1, report.ExactDuplicates.LeakedImages);
        // The writer's pixel p of record r is (r + p) mod 256, so its red, green and blue planes (1,024 pixels apart) are equal.
        Assert.Equal((0, 11), (report.Colour.Colour, report.Colour.Grayscale));
    }

    [Fact]
    public void Images_much_smaller_than_the_input_size_are_listed()
    {
        TestImages.ColourPng(temp.Combine("a", "big.png"), 64, 64);
        TestImages.ColourPng(temp.Combine("a", "tiny.png"), 12, 40, seed: 3);
        TestImages.ColourPng(temp.Combine("b", "big.png"), 64, 64, seed: 5);

        var report = DatasetHealthCheck.Run(temp.Path, HealthOptions.Default with { InputSize = 32 });

        Assert.Equal((32, 16, 1), (report.SmallImages.InputSize, report.SmallImages.MinimumSide, report.SmallImages.Count));
        Assert.Equal("a/tiny.png", Assert.Single(report.SmallImages.Listed).Name);
    }

    [Fact]
    public void Progress_counts_every_image_up_to_the_total()
    {
        PlantedProblemsDataset.Write(temp.Path);
        var reports = new List<HealthProgress>();

        var report = DatasetHealthCheck.Run(temp.Path, HealthOptions.Default, new SynchronousProgress(reports.Add));

        Assert.Equal(new HealthProgress(0, report.Images), reports[0]);
        Assert.Equal(new HealthProgress(report.Images, report.Images), reports[^1]);
    }

    [Fact]
    public void A_folder_without_a_dataset_is_a_dataset_error()
    {
        Assert.Throws<DatasetException>(() => DatasetHealthCheck.Run(temp.Combine("missing"), HealthOptions.Default));
    }

    private sealed class SynchronousProgress(Action<HealthProgress> report) : IProgress<HealthProgress>
    {
        public void Report(HealthProgress value) => report(value);
    }
}
