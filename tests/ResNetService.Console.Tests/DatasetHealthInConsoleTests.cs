using Microsoft.Playwright;
using ResNetService.Api.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ResNetService.Console.Tests;

[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class DatasetHealthInConsoleTests
{
    private static readonly LocatorAssertionsToContainTextOptions ReportWait = new() { Timeout = 180_000 };

    [Fact]
    public async Task The_dataset_page_shows_every_planted_problem_and_the_job_form_shows_the_problems_before_starting()
    {
        await using var console = await ConsoleBrowser.StartAsync([]);
        var page = console.Page;
        await console.GoToAsync("#/datasets", "Datasets");
        await page.GetByLabel("Archive").SetInputFilesAsync(new FilePayload { Name = "planted.zip", MimeType = "application/zip", Buffer = PlantedProblemsDataset.Zip() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.GetByText("Registered “planted” with 2 classes.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "planted", Exact = true }).ClickAsync();
        await Expect(page.Locator("#health-verdict")).ToContainTextAsync("problem", ReportWait);
        var health = page.Locator("#health");
        foreach (var (train, test) in PlantedProblemsDataset.ExactCopies)
            await Expect(health).ToContainTextAsync($"{train} = {test}");
        foreach (var (train, test) in PlantedProblemsDataset.NearCopies)
        {
            await Expect(health.GetByRole(AriaRole.Row).Filter(new() { HasText = test })).ToContainTextAsync(train);
        }
        foreach (var corrupt in PlantedProblemsDataset.Corrupt)
            await Expect(health).ToContainTextAsync(corrupt);
        await Expect(health).ToContainTextAsync("training.classBalance");
        await Expect(health).ToContainTextAsync($"{PlantedProblemsDataset.GrayscaleImages} grayscale image(s)");
        await Expect(health.Locator("svg.chart")).ToHaveCountAsync(2);
        var pairs = health.Locator(".pairs figure");
        await Expect(pairs).ToHaveCountAsync(PlantedProblemsDataset.ExactCopies.Length + PlantedProblemsDataset.NearCopies.Length);
        foreach (var (train, test) in PlantedProblemsDataset.ExactCopies.Concat(PlantedProblemsDataset.NearCopies))
        {
            var pair = pairs.Filter(new() { HasText = test });
            await Expect(pair.Locator($"img[alt='{train}']")).ToHaveCountAsync(1);
            await Expect(pair.Locator($"img[alt='{test}']")).ToHaveCountAsync(1);
        }
        await console.ScreenshotAsync("dataset-health");
        Assert.Empty(await console.AccessibilityProblemsAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Train on this dataset" }).ClickAsync();
        var problems = page.Locator("#job-dataset-problems");
        await Expect(problems).ToContainTextAsync("identical");
        await Expect(problems).ToContainTextAsync("training.classBalance");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => !!(document.querySelector('#job-dataset-problems').compareDocumentPosition(document.querySelector('main form button[type=submit]')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        await console.ScreenshotAsync("new-job-health");
    }
}
