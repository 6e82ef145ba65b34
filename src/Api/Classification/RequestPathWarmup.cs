using System.Text.Json;
using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting;
using ResNetService.Model.Checkpoints;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ResNetService.Api.Classification;

/// <summary>
/// Takes a warmed model through the rest of a /classify request once, in process: a multipart form parsed by the
/// framework, PNG and JPEG uploads decoded and resized, the batcher and the engine, the answer serialised with the
/// service's JSON options. The first real request then finds that code compiled and those caches filled, rather than
/// paying for them (explained requests still pay Grad-CAM's first run). Its one batch counts in
/// <c>resnet.inference.batch.size</c>; the request metrics do not see it.
/// </summary>
public sealed class RequestPathWarmup(InferenceQueue queue, ImagePreprocessor preprocessor, IOptions<JsonOptions> json, IOptions<LimitsOptions> limits)
{
    public async Task RunAsync(string modelId, string checkpointPath, ModelDescription description, CancellationToken cancellationToken)
    {
        // A model of other channel counts refuses every image: there is no request path to warm.
        if (description.Architecture.InputChannels is not (1 or 3))
            return;
        var context = new DefaultHttpContext();
        using var form = Uploads(description);
        context.Request.ContentType = form.Headers.ContentType!.ToString();
        context.Request.Body = await form.ReadAsStreamAsync(cancellationToken);
        var files = (await context.Request.ReadFormAsync(cancellationToken)).Files.GetFiles(ClassifyApi.ImagePart);
        var inputs = files.Select(file =>
        {
            using var content = file.OpenReadStream();
            return preprocessor.Prepare(content, file.FileName, description, limits.Value.MaxClassifyImagePixels);
        }).ToArray();
        var classified = await queue.ClassifyAsync(modelId, checkpointPath, inputs, explain: false, cancellationToken);
        var answer = ClassifyApi.Answer(modelId, description, files.Select(f => f.FileName), classified.Images, topK: 5);
        await JsonSerializer.SerializeAsync(Stream.Null, answer, json.Value.SerializerOptions, cancellationToken);
    }

    /// <summary>Twice the model's input size, so the resize runs as it does for most uploads.</summary>
    private static MultipartFormDataContent Uploads(ModelDescription description)
    {
        using var image = new Image<Rgb24>(description.Architecture.InputWidth * 2, description.Architecture.InputHeight * 2, new Rgb24(128, 96, 64));
        var form = new MultipartFormDataContent();
        foreach (var (name, save) in new (string, Action<Stream>)[] { ("warmup.png", s => image.SaveAsPng(s)), ("warmup.jpg", s => image.SaveAsJpeg(s)) })
        {
            var encoded = new MemoryStream();
            save(encoded);
            form.Add(new ByteArrayContent(encoded.ToArray()), ClassifyApi.ImagePart, name);
        }
        return form;
    }
}
