using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ResNetService.Model.Checkpoints;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Api.Classification;

/// <summary>
/// Sends the warmed default model /classify requests in process, through the endpoint's own request delegate: the
/// framework's parameter binding and multipart parsing, PNG and JPEG uploads decoded and resized, the batcher, the
/// engine, the answer serialised. The first real request then finds that code compiled and those caches filled rather
/// than paying for them (explained requests still pay Grad-CAM's first run). Then one more over the server's own
/// loopback address once it listens, so Kestrel's reading of a multipart body and the middleware in front of the
/// endpoint have run too. The request metrics do not count them; their batches show in
/// <c>resnet.inference.batch.size</c>.
/// </summary>
public sealed class RequestPathWarmup(EndpointDataSource endpoints, IServiceScopeFactory scopes, IServer server, IHostApplicationLifetime lifetime,
    ILogger<RequestPathWarmup> logger)
{
    private const string Header = "X-ResNetService-Warmup";
    private static readonly object Marker = new();

    /// <summary>Known only inside this process, so no client can have its requests left out of the metrics.</summary>
    private static readonly string Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether the request is this warm-up's, which the request metrics leave out.</summary>
    public static bool Sent(HttpContext context) =>
        context.Items.ContainsKey(Marker) || context.Request.Headers[Header] == Token;

    /// <summary>
    /// Classifies one PNG and then one JPEG as most clients send them: one image a request, no model named, so the
    /// default model is looked up as for them (<paramref name="description"/> is the default model's).
    /// </summary>
    /// <exception cref="InvalidOperationException">A request was not answered 200.</exception>
    public async Task RunAsync(ModelDescription description, CancellationToken cancellationToken)
    {
        // A model of other channel counts refuses every image: there is no request path to warm.
        if (description.Architecture.InputChannels is not (1 or 3))
            return;
        var classify = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == ClassifyApi.EndpointName);
        using var image = new Image<Rgb24>(description.Architecture.InputWidth * 2, description.Architecture.InputHeight * 2, new Rgb24(128, 96, 64));
        foreach (var (name, save) in new (string, Action<Stream>)[] { ("warmup.png", s => image.SaveAsPng(s)), ("warmup.jpg", s => image.SaveAsJpeg(s)) })
        {
            var encoded = new MemoryStream();
            save(encoded);
            using var form = new MultipartFormDataContent { { new ByteArrayContent(encoded.ToArray()), ClassifyApi.ImagePart, name } };
            await SendAsync(classify.RequestDelegate!, form, cancellationToken);
        }
        var png = new MemoryStream();
        await image.SaveAsPngAsync(png, cancellationToken);
        await SendOverLoopbackAsync(png.ToArray(), cancellationToken);
    }

    /// <summary>
    /// Sent without a key: where keys exist it is refused (401) like any anonymous request, and what it warms is the
    /// way to that answer. Servers with no plain-HTTP address (TLS only, or a test server) are left out.
    /// </summary>
    private async Task SendOverLoopbackAsync(byte[] png, CancellationToken cancellationToken)
    {
        await StartedAsync(cancellationToken);
        if (LoopbackAddress() is not { } address)
            return;
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            using var form = new MultipartFormDataContent { { new ByteArrayContent(png), ClassifyApi.ImagePart, "warmup.png" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, "classify") { Content = form };
            request.Headers.Add(Header, Token);
            using var response = await client.SendAsync(request, cancellationToken);
            logger.LogDebug("The warm-up request over {Address} was answered {Status}", address, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("The warm-up request over {Address} got no answer: {Problem}", address, e.Message);
        }
    }

    private async Task StartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStopping = cancellationToken.Register(() => started.TrySetCanceled(cancellationToken));
        await started.Task;
    }

    /// <summary>The first plain-HTTP address the server listens on, as this machine reaches it.</summary>
    private Uri? LoopbackAddress()
    {
        foreach (var listened in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var address = listened.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
                .Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]");
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
                return new Uri(uri, "/");
        }
        return null;
    }

    private async Task SendAsync(RequestDelegate classify, MultipartFormDataContent form, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cancellationToken };
        context.Items[Marker] = true;
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/classify";
        context.Request.ContentType = form.Headers.ContentType!.ToString();
        context.Request.Body = await form.ReadAsStreamAsync(cancellationToken);
        context.Response.Body = Stream.Null;
        await classify(context);
        if (context.Response.StatusCode != StatusCodes.Status200OK)
            throw new InvalidOperationException($"The warm-up request to /classify was answered {context.Response.StatusCode}.");
    }
}
