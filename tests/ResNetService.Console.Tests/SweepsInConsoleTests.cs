using System.Globalization;
using Microsoft.Playwright;
using ResNetService.Api.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ResNetService.Console.Tests;

[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class SweepsInConsoleTests
{
    private const string Key = "console-sweep-test-key-0123456789abcdef";
    private static readonly LocatorAssertionsToContainTextOptions SweepWait = new() { Timeout = 300_000 };

    [Fact]
    public async Task A_sweep_started_from_the_form_shows_its_trials_curves_rungs_and_best_so_far_and_makes_the_best_model_the_default()
    {
        // With a key: making a model the default needs the admin scope.
        await using var console = await ConsoleBrowser.StartAsync(new() { ["Auth:ApiKey"] = Key, ["Sweeps:DecideInterval"] = "00:00:00.300" });
        var page = console.Page;
        await console.GoToAsync("#/datasets", "Datasets");
        await console.UseKeyAsync(Key);
        await page.ReloadAsync();
        await page.GetByLabel("Archive").SetInputFilesAsync(new FilePayload { Name = "shapes.zip", MimeType = "application/zip", Buffer = LearnableDataset.Zip(192, 16) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.GetByText("Registered “shapes” with 4 classes.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sweeps", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New sweep" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("New sweep");

        // The API's per-field errors show at the field: here, an option's range.
        await page.GetByLabel("Depth").FillAsync("8");
        await page.GetByLabel("Batch size").FillAsync("16");
        await page.GetByLabel("Search space (JSON)").FillAsync("""{"learningRate": {"logUniform": [0, 0.5]}}""");
        await page.GetByLabel("Epochs of a full trial").FillAsync("3");
        await page.GetByLabel("Trials", new() { Exact = true }).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the sweep" }).ClickAsync();
        await Expect(page.Locator("#sweep-space-error")).ToContainTextAsync("learningRate: logUniform takes [low, high]");
        await console.ScreenshotAsync("new-sweep-errors");
        Assert.Empty(await console.AccessibilityProblemsAsync());

        await page.GetByLabel("Search space (JSON)").FillAsync("""{"learningRate": {"choice": [0.02, 0.1, 0.3]}}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the sweep" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("finished", SweepWait);

        // Three trials: one trained to the end, two stopped at the first rung; each line of the chart is a trial, the rungs marked.
        var rows = page.Locator("main table tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Filter(new() { HasText = "stopped at 0" })).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "succeeded" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#sweep-epochs")).ToHaveTextAsync("5 of 9");
        await Expect(page.Locator("svg.chart g[data-series^='trial-']")).ToHaveCountAsync(3);
        await Expect(page.Locator("svg.chart g[data-series^='trial-'] circle")).ToHaveCountAsync(5);
        await Expect(page.Locator("svg.chart line.mark")).ToHaveCountAsync(2);
        // Best so far against epochs spent: a point for each of the 5 epochs, left to right, never lower than the one before.
        await Expect(page.Locator("figcaption", new() { HasText = "best validation accuracy so far" })).ToBeVisibleAsync();
        var bestSoFar = page.Locator("svg.chart g[data-series='best-so-far'] circle");
        await Expect(bestSoFar).ToHaveCountAsync(5);
        var points = new List<(double X, double Y)>();
        foreach (var circle in await bestSoFar.AllAsync())
            points.Add((double.Parse((await circle.GetAttributeAsync("cx"))!, CultureInfo.InvariantCulture), double.Parse((await circle.GetAttributeAsync("cy"))!, CultureInfo.InvariantCulture)));
        Assert.Equal(points.OrderBy(p => p.X), points);
        // SVG's y grows downward: a better accuracy is a smaller y.
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.Second.Y <= pair.First.Y, $"{pair.Second.Y} after {pair.First.Y}"));
        await console.ScreenshotAsync("sweep");
        Assert.Empty(await console.AccessibilityProblemsAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Make the best model the default" }).ClickAsync();
        await Expect(page.Locator("#sweep-live")).ToContainTextAsync("The default model is now");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sweeps", Exact = true }).ClickAsync();
        await Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(1);
    }
}
