using Microsoft.Playwright;
using ResNetService.Api.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ResNetService.Console.Tests;

[Trait(TestCategory.Trait, TestCategory.Browser)]
public sealed class ApiKeyInConsoleTests
{
    private const string Key = "console-test-key-0123456789abcdefghij";

    [Fact]
    public async Task AMissingKeyIsExplainedAndTheKeyEnteredIsKeptForTheSession()
    {
        await using var console = await ConsoleBrowser.StartAsync(new() { ["Auth:ApiKey"] = Key });
        var page = console.Page;
        // With a key configured, even reading the list needs one.
        await console.GoToAsync("#/datasets", "Datasets");
        var archive = new FilePayload { Name = "shapes.zip", MimeType = "application/zip", Buffer = LearnableDataset.Zip(8, 4) };
        var problem = page.Locator("main .problem");
        await Expect(problem).ToContainTextAsync("An API key is needed");
        await Expect(problem).ToContainTextAsync("X-Api-Key");
        await console.ScreenshotAsync("datasets-key-missing");

        await console.UseKeyAsync(Key);
        await page.ReloadAsync();
        await Expect(page.Locator("#key-state")).ToHaveTextAsync("Key set for this browser session.");
        await page.GetByLabel("Archive").SetInputFilesAsync(archive);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.GetByText("Registered “shapes” with 4 classes.")).ToBeVisibleAsync();
        await Expect(problem).ToBeHiddenAsync();
    }
}
