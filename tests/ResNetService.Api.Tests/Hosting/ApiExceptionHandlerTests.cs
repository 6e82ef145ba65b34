using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ResNetService.Api.Classification;
using ResNetService.Api.Hosting;
using ResNetService.Api.Models;
using ResNetService.Model.Import;

namespace ResNetService.Api.Tests.Hosting;

/// <summary>Every exception an endpoint lets pass is answered the same way, wherever it was thrown.</summary>
public sealed class ApiExceptionHandlerTests
{
    private static async Task<(HttpContext Context, JsonElement Problem)> Handle(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        context.Response.Body.Position = 0;
        return (context, JsonDocument.Parse(context.Response.Body).RootElement);
    }

    [Fact]
    public async Task BusyIsA503WithRetryAfterWhicheverPartOfTheServiceIsBusy()
    {
        foreach (var (busy, seconds) in new (Exception, string)[] { (new InferenceBusyException(), "2"), (new ImportBusyException(), "5") })
        {
            var (context, problem) = await Handle(busy);

            Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
            Assert.Equal(seconds, context.Response.Headers.RetryAfter.ToString());
            Assert.Equal("Busy", problem.GetProperty("title").GetString());
            Assert.Equal(busy.Message, problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task RefusedWeightsNameEveryProblemOfTheFile()
    {
        var (context, problem) = await Handle(new WeightsImportException("w.pt", ["conv0.weight: shape 3x3, expected 4x4", "fc1.bias is missing"]));

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal(2, problem.GetProperty("errors").GetProperty("file").GetArrayLength());
        Assert.Equal("Weights refused", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ABodyThatDoesNotBindSaysWhatWasWrongWithIt()
    {
        var json = new JsonException("The JSON value could not be converted to System.Int32. Path: $.epochs");
        var (context, problem) = await Handle(new BadHttpRequestException("Failed to read parameter from the request body as JSON.", json));

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Contains("$.epochs", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnythingElseIsLeftToTheFramework()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);

        Assert.False(await handler.TryHandleAsync(new DefaultHttpContext { RequestServices = services }, new InvalidOperationException("a bug"), CancellationToken.None));
    }
}
