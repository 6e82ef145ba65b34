using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Security;
using ResNetService.Api.Telemetry;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Explanation;

namespace ResNetService.Api.Classification;

public static class ClassifyApi
{
    public const string ImagePart = "image";
    public const string EndpointName = "ClassifyImages";

    public static IEndpointRouteBuilder MapClassifyApi(this IEndpointRouteBuilder app, LimitsOptions limits)
    {
        app.MapPost("/classify", Classify)
            .WithTags(ApiTags.Classification)
            .RequireScope(Scopes.Classify)
            .AcceptsUpload(limits.MaxClassifyBytes, RateLimits.Classify)
            .WithName(EndpointName)
            .WithSummary("Classify one or more images with a model.")
            .WithDescription("Multipart, one part named `image` per image (JPEG, PNG, BMP, GIF or WebP; at most Limits:MaxImagesPerClassify, 64 by default). "
                + "Each image is resized to the model's input and answered with its topK labels, most probable first. modelId unset: the default model "
                + "(PUT /models/default), else the newest. explain=true adds a Grad-CAM heatmap of each image's top class (at most "
                + "Classification:MaxExplainImages images, 8 by default).")
            .Refuses(StatusCodes.Status400BadRequest, "No image, too many, topK below 1, or an image that cannot be decoded.")
            .Refuses(StatusCodes.Status404NotFound, "There is no model with this id, no model at all yet, or the model's checkpoint cannot be read.")
            .Refuses(StatusCodes.Status409Conflict, "The model does not take images of this kind.")
            .Refuses(StatusCodes.Status413PayloadTooLarge, "An image has more pixels than Limits:MaxImagePixels allows.")
            .Refuses(StatusCodes.Status415UnsupportedMediaType, "An image is not JPEG, PNG, BMP, GIF or WebP.")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "Too many images are being decoded or waiting for the inference thread; try again after Retry-After seconds.");
        return app;
    }

    /// <param name="image">One part per image, each named <c>image</c>.</param>
    /// <param name="modelId">The model to classify with; unset: the default model, else the newest.</param>
    /// <param name="topK">Labels per image, most probable first; at least 1 (more than the model's classes gives them all).</param>
    /// <param name="explain">true: add a Grad-CAM heatmap of each image's top class.</param>
    public static async Task<Results<Ok<ClassificationResponse>, ValidationProblem, ProblemHttpResult>> Classify(
        IFormFileCollection image, string? modelId, [AsParameters] ClassifyServices services, HttpContext context, CancellationToken cancellationToken,
        int topK = 5, bool explain = false)
    {
        var (models, store, queue, preprocessor, decoding, telemetry, limits, classification) = services;
        var started = Stopwatch.GetTimestamp();
        var counted = !RequestPathWarmup.Sent(context);
        var files = image.GetFiles(ImagePart);
        var errors = new Dictionary<string, string[]>();
        if (topK < 1)
            errors["topK"] = ["topK must be at least 1."];
        if (files.Count == 0)
            errors[ImagePart] = [$"Send one or more images as multipart parts named '{ImagePart}'."];
        if (files.Count > limits.Value.MaxImagesPerClassify)
            errors[ImagePart] = [$"At most {limits.Value.MaxImagesPerClassify} images per request; got {files.Count}."];
        else if (explain && files.Count > classification.Value.MaxExplainImages)
            errors[ImagePart] = [$"At most {classification.Value.MaxExplainImages} images per request with explain=true; got {files.Count}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var model = models.Find(modelId);
        if (model is null)
            return modelId is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No model", detail: "No model has been trained yet.")
                : Problems.NotFound("Model", modelId);

        var checkpoint = store.CheckpointOf(model);
        // The checkpoint's own description, not the record's copy: it is what the loaded network was built from.
        var description = await queue.DescribeAsync(model.Id, checkpoint, cancellationToken);
        byte[][] inputs;
        using (var slot = await decoding.TryEnterAsync(cancellationToken))
        {
            if (slot is null)
                throw new InferenceBusyException("Too many images are being decoded; try again shortly.");
            inputs = files.Select(file =>
            {
                using var content = file.OpenReadStream();
                return preprocessor.Prepare(content, file.FileName, description, limits.Value.MaxClassifyImagePixels);
            }).ToArray();
        }
        if (counted)
            telemetry.ImagesDecoded.Add(inputs.Length);
        var classified = await queue.ClassifyAsync(model.Id, checkpoint, inputs, explain, cancellationToken);
        var results = files.Zip(classified.Images, (file, inference) => new ImageClassification(
            file.FileName, TopK(inference.Probabilities, topK, description.Classes), inference.Map is { } map ? HeatmapOf(map, description) : null)).ToList();
        if (counted)
            telemetry.ClassificationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                ServingTelemetry.Model(model.Id), ServingTelemetry.Engine(classified.Engine));
        return TypedResults.Ok(new ClassificationResponse(model.Id, results));
    }

    private static Heatmap HeatmapOf(ClassActivationMap map, ModelDescription description)
    {
        var (width, height) = (description.Architecture.InputWidth, description.Architecture.InputHeight);
        var grid = Enumerable.Range(0, map.Height).Select(row => map.Values[(row * map.Width)..((row + 1) * map.Width)]).ToArray();
        return new Heatmap(description.Classes[map.ClassIndex], map.ClassIndex, width, height, HeatmapRendering.Png(map, width, height), grid);
    }

    private static List<Prediction> TopK(float[] probabilities, int k, IReadOnlyList<string> classes) =>
        probabilities.Select((p, index) => new Prediction(classes[index], index, p))
            .OrderByDescending(p => p.Probability)
            .Take(k)
            .ToList();
}
