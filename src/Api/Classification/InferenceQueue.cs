using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ResNetService.Api.Models;
using ResNetService.Api.Telemetry;
using ResNetService.Model;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Explanation;
using ResNetService.Model.Preprocessing;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// Runs every forward pass on one dedicated thread fed by a channel. TorchSharp's dispose scopes and grad mode are
/// thread-static, so tensors must never cross an await; requests waiting together for the same model share one batch.
/// A model is loaded, and warmed up on dummy batches, before any request's images are decoded for it: its own
/// checkpoint's description says how.
/// </summary>
public sealed class InferenceQueue(
    ModelCache cache, ServingTelemetry telemetry, IOptions<ClassificationOptions> options, ILogger<InferenceQueue> logger) : IHostedService, IServingWarmup
{
    private readonly Channel<InferenceWork> _work = Channel.CreateBounded<InferenceWork>(
        new BoundedChannelOptions(options.Value.MaxQueuedRequests) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private Thread? _thread;

    /// <summary>The description of the model's own checkpoint, loading and warming the model first when it never was.</summary>
    /// <exception cref="CheckpointException">The model's file is missing or damaged.</exception>
    public async Task<ModelDescription> DescribeAsync(string modelId, string checkpointPath, CancellationToken cancellationToken) =>
        cache.DescriptionOf(modelId) ?? await WarmAsync(modelId, checkpointPath, cancellationToken);

    /// <summary>
    /// Loads the model into the cache and warms it when it is not cached, whatever its recent use: for a model about to
    /// be served (the default), which must not wait for enough requests to be admitted.
    /// </summary>
    /// <exception cref="CheckpointException">The model's file is missing or damaged.</exception>
    public async Task<ModelDescription> WarmAsync(string modelId, string checkpointPath, CancellationToken cancellationToken)
    {
        var warmup = new ModelWarmup(modelId, checkpointPath, cancellationToken);
        Enqueue(warmup);
        return await warmup.Completion.Task.WaitAsync(cancellationToken);
    }

    Task IServingWarmup.WarmAsync(string modelId, string checkpointPath, CancellationToken cancellationToken) =>
        WarmAsync(modelId, checkpointPath, cancellationToken);

    /// <returns>
    /// Class probabilities per image, in the order given, with the top class's Grad-CAM map when <paramref name="explain"/>;
    /// and the engine that ran them.
    /// </returns>
    public async Task<Classified> ClassifyAsync(
        string modelId, string checkpointPath, IReadOnlyList<byte[]> images, bool explain, CancellationToken cancellationToken)
    {
        var request = new InferenceRequest(modelId, checkpointPath, images, explain, Activity.Current?.Context ?? default, cancellationToken);
        Enqueue(request);
        var results = await request.Completion.Task.WaitAsync(cancellationToken);
        if (request.Batch != default)
            Activity.Current?.AddLink(new ActivityLink(request.Batch));
        return new Classified(results, request.Engine);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        NativeMemory.Tune();
        var target = TorchDevices.Resolve(options.Value.Device);
        _thread = new Thread(() => Run(target)) { IsBackground = true, Name = "inference" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _work.Writer.TryComplete();
        _thread?.Join();
        return Task.CompletedTask;
    }

    private void Enqueue(InferenceWork work)
    {
        // A full queue means the inference thread is far behind: answer "busy" instead of piling up decoded images.
        if (!_work.Writer.TryWrite(work))
            throw new InferenceBusyException();
        telemetry.QueueDepth.Add(1);
    }

    private void Run(Device target)
    {
        // Blocking is the point: this thread exists only to run the network.
        while (_work.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var taken = TakeBatch();
            foreach (var warmup in taken.OfType<ModelWarmup>())
                Warm(warmup, target);
            // Explained images take another path through the network, so they batch only with each other.
            foreach (var group in taken.OfType<InferenceRequest>().GroupBy(r => (r.ModelId, r.Explain)))
                RunGroup(group.ToList(), target);
        }
    }

    private List<InferenceWork> TakeBatch()
    {
        var batch = new List<InferenceWork>();
        var images = 0;
        while (images < options.Value.MaxBatchImages && _work.Reader.TryRead(out var work))
        {
            telemetry.QueueDepth.Add(-1);
            telemetry.QueueWait.Record(Stopwatch.GetElapsedTime(work.EnqueuedAt).TotalSeconds);
            if (work.CancellationToken.IsCancellationRequested)
            {
                Cancel(work);
                continue;
            }
            batch.Add(work);
            if (work is InferenceRequest request)
                images += request.Images.Count;
        }
        return batch;
    }

    private static void Cancel(InferenceWork work)
    {
        switch (work)
        {
            case InferenceRequest request:
                request.Completion.TrySetCanceled(work.CancellationToken);
                break;
            case ModelWarmup warmup:
                warmup.Completion.TrySetCanceled(work.CancellationToken);
                break;
        }
    }

    private void Warm(ModelWarmup warmup, Device target)
    {
        try
        {
            using var lease = cache.Rent(warmup.ModelId, warmup.CheckpointPath, target, keep: true);
            var model = lease.Model;
            if (lease.Loaded)
            {
                // The first pass at a batch shape pays for allocations and kernel choices; pay them here, not in a request.
                var blank = new byte[Bytes(model.Description)];
                var batch = WarmupBatch.Size(model.Description.Architecture, options.Value.MaxBatchImages, options.Value.WarmupMemoryBytes);
                Infer(model, [blank], explain: false, target);
                if (batch > 1)
                    Infer(model, Enumerable.Repeat(blank, batch).ToList(), explain: false, target);
                telemetry.ModelWarmups.Add(1, ServingTelemetry.Model(warmup.ModelId), ServingTelemetry.Engine(EngineName(model, explain: false)));
                logger.LogInformation("Model {ModelId} warmed up at batches of 1 and {Batch}", warmup.ModelId, batch);
            }
            warmup.Completion.TrySetResult(model.Description);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Loading model {ModelId} for classification failed", warmup.ModelId);
            warmup.Completion.TrySetException(e);
        }
    }

    private static int Bytes(ModelDescription description) =>
        description.Architecture.InputChannels * description.Architecture.InputHeight * description.Architecture.InputWidth;

    private void RunGroup(List<InferenceRequest> group, Device target)
    {
        var first = group[0];
        try
        {
            using var lease = cache.Rent(first.ModelId, first.CheckpointPath, target, keep: false);
            var model = lease.Model;
            var images = group.SelectMany(r => r.Images).ToList();
            var engine = EngineName(model, first.Explain);
            using var span = BatchSpan(group, images.Count, engine);
            telemetry.BatchSize.Record(images.Count, ServingTelemetry.Engine(engine));
            var results = Infer(model, images, first.Explain, target);
            var offset = 0;
            foreach (var request in group)
            {
                request.Batch = span?.Context ?? default;
                request.Engine = engine;
                request.Completion.TrySetResult(results[offset..(offset + request.Images.Count)]);
                offset += request.Images.Count;
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Classification with model {ModelId} failed", first.ModelId);
            foreach (var request in group)
                request.Completion.TrySetException(e);
        }
    }

    /// <summary>The batch's span, linked to the span of every request in it; none unless traces are collected.</summary>
    private static Activity? BatchSpan(List<InferenceRequest> group, int images, string engine)
    {
        if (!ServingTelemetry.Source.HasListeners())
            return null;
        var links = group.Where(r => r.Caller != default).Select(r => new ActivityLink(r.Caller));
        var span = ServingTelemetry.Source.StartActivity("inference batch", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag(ServingTelemetry.ModelTag, group[0].ModelId);
        span?.SetTag(ServingTelemetry.EngineTag, engine);
        span?.SetTag("images", images);
        span?.SetTag("requests", group.Count);
        return span;
    }

    /// <summary>Grad-CAM needs gradients, so explained images always run on libtorch.</summary>
    private static string EngineName(ServedModel model, bool explain) =>
        ClassificationEngines.Name(explain ? ClassificationEngine.Libtorch : model.Engine.Kind);

    private static ImageInference[] Infer(ServedModel model, List<byte[]> images, bool explain, Device target)
    {
        var description = model.Description;
        var pixels = new byte[images.Sum(i => i.Length)];
        var at = 0;
        foreach (var image in images)
        {
            image.CopyTo(pixels, at);
            at += image.Length;
        }
        if (explain)
        {
            using var scope = NewDisposeScope();
            using var transfer = new InputTransfer(description.Architecture.Input, description.Normalization, target);
            using var noGrad = no_grad();
            return GradCam.Explain(model.Checkpoint.Model, transfer.Images(pixels, images.Count)).Select(e => new ImageInference(e.Probabilities, e.Map)).ToArray();
        }
        var output = model.Engine.Probabilities(pixels, images.Count);
        var classes = description.Architecture.Classes;
        return Enumerable.Range(0, images.Count).Select(i => new ImageInference(output[(i * classes)..((i + 1) * classes)], null)).ToArray();
    }
}
