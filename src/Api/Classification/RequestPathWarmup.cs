using ResNetService.Model.Checkpoints;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ResNetService.Api.Classification;

/// <summary>
/// Sends the warmed default model /classify requests in process, through the endpoint's own request delegate: the
/// framework's parameter binding and multipart parsing, PNG and JPEG uploads decoded and resized, the batcher, the
/// engine, the answer serialised. The first real request then finds that code compiled and those caches filled rather
/// than paying for them (explained requests still pay Grad-CAM's first run; the middleware in front of endpoints has
/// run for the health checks already). The request metrics do not count them; their batches show in
/// <c>resnet.inference.batch.size</c>.
/// </summary>
public sealed class RequestPathWarmup(EndpointDataSource endpoints, IServiceScopeFactory scopes)
{
    private static readonly object Marker = new();

    /// <summary>Whether the request is this warm-up's, which the request metrics leave out.</summary>
    public static bool Sent(HttpContext context) => context.Items.ContainsKey(Marker);

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
