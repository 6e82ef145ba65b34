using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ResNetService.Api.Tests.Support;
using ResNetService.Model.Architecture;
using static Microsoft.Playwright.Assertions;

namespace ResNetService.Console.Tests;

/// <summary>A person's way through the console, in a real browser: from an archive to a trained model and a classified image.</summary>
[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class ConsoleFlowTests
{
    private const int TrainImages = 400, TestImages = 40, Epochs = 3, BatchSize = 8;
    private static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(5);
    private const string Key = "console-flow-test-key-0123456789abcdef";

    [Fact]
    public async Task FromAnArchiveToATrainedModelAndAClassifiedImage()
    {
        // With a key, as a service that serves more than its own machine runs: making a model the default needs the admin scope.
        await using var console = await ConsoleBrowser.StartAsync(new() { ["Training:ProgressEveryBatches"] = "1", ["Auth:ApiKey"] = Key });
        var page = console.Page;
        var accessibility = new List<string>();
        async Task Record(string name)
        {
            await console.ScreenshotAsync(name);
            accessibility.AddRange((await console.AccessibilityProblemsAsync()).Select(problem => $"{name}: {problem}"));
        }

        // Datasets: an archive uploaded through the page, then its classes and samples.
        await console.GoToAsync("#/datasets", "Datasets");
        await console.UseKeyAsync(Key);
        await page.ReloadAsync();
        await page.GetByLabel("Archive").SetInputFilesAsync(new FilePayload
        {
            Name = "shapes.zip", MimeType = "application/zip", Buffer = LearnableDataset.Zip(TrainImages, TestImages),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.GetByText("Registered “shapes” with 4 classes.")).ToBeVisibleAsync();
        await Record("datasets");
        await page.GetByRole(AriaRole.Link, new() { Name = "shapes", Exact = true }).ClickAsync();
        await Expect(page.Locator("#class-count")).ToHaveTextAsync(LearnableDataset.Classes.Length.ToString());
        await Expect(page.Locator(".sample-class figcaption")).ToHaveTextAsync(await DatasetClassesAsync(console));
        await Expect(page.Locator(".sample-class img")).ToHaveCountAsync(4 * LearnableDataset.Classes.Length);
        await Record("dataset");

        // New job: the architecture table follows the form, and the API's per-field errors show at the field.
        await page.GetByRole(AriaRole.Link, new() { Name = "Train on this dataset" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("New training job");
        await page.GetByLabel("Depth", new() { Exact = true }).FillAsync("7");
        await Expect(page.Locator("#job-depth-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#job-depth-error")).ToContainTextAsync(await SummaryErrorAsync(console, depth: 7));
        await page.GetByLabel("Depth", new() { Exact = true }).FillAsync("8");
        var expected = ArchitectureSummary.Of(ResNetConfigResolver.Resolve(
            new NetworkLayout { Depth = 8 }, new ImageShape(1, LearnableDataset.Side, LearnableDataset.Side), LearnableDataset.Classes.Length));
        await Expect(page.Locator("#arch-total-params")).ToHaveAttributeAsync("data-value", expected.Parameters.ToString());
        await Expect(page.Locator("#job-depth-error")).ToBeHiddenAsync();
        await page.GetByLabel("Epochs", new() { Exact = true }).FillAsync(Epochs.ToString());
        await page.GetByLabel("Batch size", new() { Exact = true }).FillAsync(BatchSize.ToString());
        await page.GetByLabel("Name (optional)").FillAsync("shapes-depth-8");
        await Record("new-job");
        // The job stops after its second step (the first one reported) until the page has shown it running.
        using var hold = TrainingHold.InDataRoot(console.Service.DataRoot, epoch: 1, step: 2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start training" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Job “shapes-depth-8”");
        await hold.HeldWithin(TrainingTimeout);

        // Job: the progress bar advances and the curves gain points while it trains.
        var waitForTraining = new PageWaitForFunctionOptions { Timeout = (float)TrainingTimeout.TotalMilliseconds };
        IJSHandle running;
        try
        {
            running = await page.WaitForFunctionAsync("() => { const p = document.querySelector('#job-progress'); return p && p.value > 0 && p.value < 100 ? p.value : null; }", null, waitForTraining);
        }
        catch (TimeoutException e)
        {
            // What the page showed instead, for whoever reads the failure.
            await console.ScreenshotAsync("job-never-seen-running");
            throw new TimeoutException($"The job page never showed the job between 0 and 100 %. It showed: {await page.Locator("main").InnerTextAsync()}", e);
        }
        var progress = await running.JsonValueAsync<double>();
        var points = await page.Locator("svg.chart circle").CountAsync();
        hold.Release();
        await page.WaitForFunctionAsync("first => document.querySelector('#job-progress').value > first", progress, waitForTraining);
        await page.WaitForFunctionAsync("first => document.querySelectorAll('svg.chart circle').length > first", points, waitForTraining);
        await console.GoToAsync("#/jobs", "Jobs");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Record("jobs");
        await page.GetByRole(AriaRole.Link, new() { Name = "shapes-depth-8" }).ClickAsync();
        await Expect(page.Locator("h1 .state")).ToHaveTextAsync("succeeded", new() { Timeout = (float)TrainingTimeout.TotalMilliseconds });
        await Expect(page.Locator("[data-series='validation-accuracy'] circle")).ToHaveCountAsync(Epochs);
        await Expect(page.Locator("#job-progress")).ToHaveJSPropertyAsync("value", 100);
        await Record("job");

        // Model: the card and the confusion matrix, whose counts are the test split.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the model" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Model “shapes-depth-8”");
        var counts = await page.Locator(".matrix td[data-count]").EvaluateAllAsync<int[]>("cells => cells.map(c => Number(c.dataset.count))");
        Assert.Equal(LearnableDataset.Classes.Length * LearnableDataset.Classes.Length, counts.Length);
        Assert.Equal(TestImages, counts.Sum());
        await Expect(page.Locator("table").Filter(new() { HasText = "Precision" }).Locator("tbody tr")).ToHaveCountAsync(LearnableDataset.Classes.Length);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make default" }).ClickAsync();
        await Expect(page.GetByText("/classify now uses this model")).ToBeVisibleAsync();
        await Record("model");
        await console.GoToAsync("#/models", "Models");
        await Record("models");

        // Classify: an image dropped on the page gets the label the API gives it.
        var (fileName, png, _) = LearnableDataset.Unseen(1).Single();
        var apiLabel = await TopLabelAsync(console, fileName, png);
        await console.GoToAsync("#/classify", "Classify images");
        await DropAsync(page, "#drop", fileName, png);
        await Expect(page.Locator(".result .label").First).ToHaveTextAsync(apiLabel);
        await Expect(page.Locator(".result img")).ToHaveCountAsync(1);
        await Record("classify");

        // Fine-tuning: the model's page leads to a job form that starts from it, with the fine-tuning defaults.
        await console.GoToAsync("#/models", "Models");
        await page.GetByRole(AriaRole.Link, new() { Name = "shapes-depth-8", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Fine-tune from it" }).ClickAsync();
        await Expect(page.Locator("#source-note")).ToContainTextAsync("ResNet-8");
        await Expect(page.GetByLabel("Learning rate", new() { Exact = true })).ToHaveValueAsync("0.01");
        await Expect(page.GetByLabel("Depth", new() { Exact = true })).ToBeHiddenAsync();
        await Expect(page.Locator("#arch-total-params")).ToHaveAttributeAsync("data-value", expected.Parameters.ToString());
        await page.GetByLabel("Epochs", new() { Exact = true }).FillAsync("1");
        await page.GetByLabel("Class balance").SelectOptionAsync("sampler");
        await page.GetByLabel("Freeze", new() { Exact = true }).FillAsync("stem");
        await page.GetByLabel("Name (optional)").FillAsync("shapes-fine-tuned");
        await Record("new-job-from-model");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start training" }).ClickAsync();
        await Expect(page.Locator("#job-source")).ToContainTextAsync("classifier included");
        await Expect(page.Locator("h1 .state")).ToHaveTextAsync("succeeded", new() { Timeout = (float)TrainingTimeout.TotalMilliseconds });
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the model" }).ClickAsync();
        await Expect(page.Locator("#model-origin")).ToContainTextAsync("Fine-tuned from");
        var trainCounts = await page.Locator("table").Filter(new() { HasText = "Training images" }).Locator("tbody tr td:nth-child(2)")
            .EvaluateAllAsync<int[]>("cells => cells.map(c => Number(c.textContent.replace(/,/g, '')))");
        Assert.Equal(await TrainClassCountsAsync(console, page.Url.Split('/').Last()), trainCounts);
        await Record("fine-tuned-model");

        // Phone-sized: every page, lists and the pages they lead to, reads without scrolling sideways.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (fragment, heading, link) in new[]
                 {
                     ("#/datasets", "Datasets", "shapes"), ("#/jobs", "Jobs", "shapes-depth-8"), ("#/models", "Models", "shapes-depth-8"),
                     ("#/jobs/new", "New training job", null), ("#/classify", "Classify", null),
                 })
        {
            await console.GoToAsync(fragment, heading);
            Assert.True(await console.FitsWidthAsync(), $"{fragment} is wider than a phone's screen.");
            if (link is null)
                continue;
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync(link);
            Assert.True(await console.FitsWidthAsync(), $"The page {link} of {fragment} is wider than a phone's screen.");
            await console.ScreenshotAsync($"{fragment[2..]}-phone");
        }

        Assert.Empty(accessibility);
    }

    private static async Task<string[]> DatasetClassesAsync(ConsoleBrowser console)
    {
        using var api = console.Api();
        using var datasets = JsonDocument.Parse(await api.GetStringAsync("/datasets"));
        return datasets.RootElement.GetProperty("items")[0].GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToArray();
    }

    private static async Task<int[]> TrainClassCountsAsync(ConsoleBrowser console, string modelId)
    {
        using var api = console.Api();
        using var model = JsonDocument.Parse(await api.GetStringAsync($"/models/{modelId}"));
        return model.RootElement.GetProperty("metrics").GetProperty("trainClassCounts").EnumerateArray().Select(c => c.GetInt32()).ToArray();
    }

    private static async Task<string> SummaryErrorAsync(ConsoleBrowser console, int depth)
    {
        using var api = console.Api();
        var request = new { inputChannels = 1, inputHeight = LearnableDataset.Side, inputWidth = LearnableDataset.Side, classes = LearnableDataset.Classes.Length, depth };
        using var response = await api.PostAsync("/architectures/summary", JsonContent.Create(request));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").GetProperty("depth")[0].GetString()!;
    }

    private static async Task<string> TopLabelAsync(ConsoleBrowser console, string fileName, byte[] png)
    {
        using var api = console.Api();
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(png);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "image", fileName);
        using var response = await api.PostAsync("/classify", form);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("results")[0].GetProperty("predictions")[0].GetProperty("label").GetString()!;
    }

    /// <summary>What a file dragged from the desktop and dropped does: a drop event whose DataTransfer holds the file.</summary>
    private static async Task DropAsync(IPage page, string selector, string fileName, byte[] content)
    {
        var transfer = await page.EvaluateHandleAsync(
            "([name, base64]) => { const t = new DataTransfer(); t.items.add(new File([Uint8Array.from(atob(base64), c => c.charCodeAt(0))], name, { type: 'image/png' })); return t; }",
            new object[] { fileName, Convert.ToBase64String(content) });
        await page.DispatchEventAsync(selector, "dragover", new { dataTransfer = transfer });
        await page.DispatchEventAsync(selector, "drop", new { dataTransfer = transfer });
    }
}
