using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using ResNetService.Client;
using ResNetService.Client.Models;
using ResNetService.ClientFlow;

// Arguments: the service's URL, an API key, a dataset archive, an image to classify. Uploads, trains, classifies, then
// runs a tiny sweep on the same dataset (SweepFlow). Prints one JSON line of what each step answered; any answer the
// generated client cannot read, or a refusal, ends it with an exception (exit code != 0).
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: ResNetService.ClientFlow SERVICE_URL API_KEY DATASET_ARCHIVE IMAGE");
    return 2;
}
var (serviceUrl, apiKey, archivePath, imagePath) = (args[0], args[1], args[2], args[3]);
// The key as a default header, as docs/api.md shows: Kiota's ApiKeyAuthenticationProvider sends keys over https only.
var http = KiotaClientFactory.Create();
http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
var client = new ResNetClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = serviceUrl });

var upload = new MultipartBody();
await using (var archive = File.OpenRead(archivePath))
{
    upload.AddOrReplacePart("file", "application/zip", archive, Path.GetFileName(archivePath));
    upload.AddOrReplacePart("name", "text/plain", "client-flow");
    var dataset = await client.Datasets.PostAsync(upload) ?? throw new InvalidOperationException("POST /datasets answered nothing.");

    var accepted = await client.Jobs.PostAsync(new CreateJobRequest
    {
        DatasetId = dataset.Id,
        Name = "client-flow",
        Model = new JobModel { Depth = 8 },
        Training = new TrainingOptions { Epochs = 1, BatchSize = 16, Augment = false },
    }) ?? throw new InvalidOperationException("POST /jobs answered nothing.");

    // A guard against a job that never ends, not a measure of speed.
    var deadline = DateTime.UtcNow.AddMinutes(10);
    JobDetails job;
    while ((job = await client.Jobs[accepted.Id!].GetAsync() ?? throw new InvalidOperationException("GET /jobs/{id} answered nothing."))
           .State is JobState.Queued or JobState.Running)
    {
        if (DateTime.UtcNow > deadline)
            throw new TimeoutException($"Job {accepted.Id} is still {job.State} after 10 minutes.");
        await Task.Delay(250);
    }
    if (job.State != JobState.Succeeded)
        throw new InvalidOperationException($"Job {job.Id} ended {job.State}: {job.Error}");

    var model = await client.Models[job.ModelId!].GetAsync() ?? throw new InvalidOperationException("GET /models/{id} answered nothing.");

    var images = new MultipartBody();
    await using var image = File.OpenRead(imagePath);
    images.AddOrReplacePart("image", "image/png", image, Path.GetFileName(imagePath));
    var classified = await client.Classify.PostAsync(images, request =>
    {
        request.QueryParameters.ModelId = model.Id;
        request.QueryParameters.TopK = 2;
    }) ?? throw new InvalidOperationException("POST /classify answered nothing.");
    var sweep = await SweepFlow.RunAsync(client, dataset.Id!);

    Console.WriteLine(JsonSerializer.Serialize(new
    {
        datasetId = dataset.Id,
        datasetClasses = dataset.Classes,
        jobId = accepted.Id,
        jobState = job.State.ToString(),
        modelId = model.Id,
        modelClasses = model.Classes,
        classifiedBy = classified.ModelId,
        predictions = classified.Results!.Single().Predictions!.Select(p => new { p.Label, p.Probability }),
        sweep,
    }));
}
return 0;
