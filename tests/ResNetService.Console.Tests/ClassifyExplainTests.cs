using Microsoft.Playwright;
using ResNetService.Api.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ResNetService.Console.Tests;

[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class ClassifyExplainTests
{
    [Fact]
    public async Task TheExplainSwitchLaysEachImagesHeatmapOverIt()
    {
        await using var console = await ConsoleBrowser.StartAsync([]);
        TestModels.Publish(console.Service, "explained", ["round", "square"], side: 12);
        var page = console.Page;
        await console.GoToAsync("#/classify", "Classify images");
        var images = page.GetByLabel("Images", new() { Exact = true });

        await images.SetInputFilesAsync(new FilePayload { Name = "plain.png", MimeType = "image/png", Buffer = TestImages.Png(20, 10, 1) });
        var plain = page.GetByRole(AriaRole.Article, new() { Name = "Result for plain.png" });
        await Expect(plain).ToBeVisibleAsync();
        await Expect(plain.Locator("img.heatmap")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Switch, new() { Name = "Explain" }).CheckAsync();
        await images.SetInputFilesAsync([
            new FilePayload { Name = "wide.png", MimeType = "image/png", Buffer = TestImages.Png(30, 12, 2) },
            new FilePayload { Name = "tall.png", MimeType = "image/png", Buffer = TestImages.Png(9, 25, 3) }]);

        foreach (var name in new[] { "wide.png", "tall.png" })
        {
            var result = page.GetByRole(AriaRole.Article, new() { Name = $"Result for {name}" });
            var heatmap = result.Locator("img.heatmap");
            await Expect(heatmap).ToBeVisibleAsync();
            await Expect(heatmap).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
            // Decoded at the network's input size, and covering the photo exactly.
            Assert.Equal(12, await heatmap.EvaluateAsync<int>("img => img.naturalWidth"));
            var photo = await result.GetByRole(AriaRole.Img, new() { Name = name, Exact = true }).BoundingBoxAsync();
            var over = await heatmap.BoundingBoxAsync();
            Assert.Equal((photo!.X, photo.Y, photo.Width, photo.Height), (over!.X, over.Y, over.Width, over.Height));
            await Expect(result).ToContainTextAsync("Heatmap: where the evidence for");
        }
        await console.ScreenshotAsync("classify-explained");
        Assert.Empty(await console.AccessibilityProblemsAsync());
    }
}
