using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ResNetService.Api.Records;
using ResNetService.Model;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Explanation;
using ResNetService.Model.Network;
using ResNetService.Training.Data;
using ResNetService.Training.Engine;
using ResNetService.Training.Pipeline;
using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Api.Classification;

/// <summary>
/// Runs every forward pass on one dedicated thread fed by a channel. TorchSharp's dispose scopes and grad mode are
/// thread-static, so tensors must never cross an await; requests waiting together for the same model share one batch.
/// </summary>
public sealed class InferenceQueue(
    ModelCache cache, IOptions<ClassificationOptions> options, IOptions<TrainerSettings> device, ILogger<InferenceQueue> logger)
    : IHostedService
{
    private readonly Channel<InferenceRequest> _requests = Channel.CreateBounded<InferenceRequest>(
        new BoundedChannelOptions(options.Value.MaxQueuedRequests) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private Thread? _thread;

    /// <returns>Class probabilities per image, in the order given, with the top class's Grad-CAM map when <paramref name="explain"/>.</returns>
    public async Task<ImageInference[]> ClassifyAsync(
        ModelRow model, string checkpointPath, IReadOnlyList<byte[]> images, bool explain, CancellationToken cancellationToken)
    {
        var request = new InferenceRequest(model, checkpointPath, images, explain, cancellationToken);
        // A full queue means the inference thread is far behind: answer "busy" instead of piling up decoded images.
        if (!_requests.Writer.TryWrite(request))
            throw new InferenceBusyException();
        return await request.Completion.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var target = TorchDevices.Resolve(device.Value.Device);
        _thread = new Thread(() => Run(target)) { IsBackground = true, Name = "inference" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _requests.Writer.TryComplete();
        _thread?.Join();
        return Task.CompletedTask;
    }

    private void Run(Device target)
    {
        // Blocking is the point: this thread exists only to run the network.
        while (_requests.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // Explained images take another path through the network, so they batch only with each other.
            foreach (var group in TakeBatch().GroupBy(r => (r.Model.Id, r.Explain)))
                RunGroup(group.ToList(), target);
        }
    }

    private List<InferenceRequest> TakeBatch()
    {
        var batch = new List<InferenceRequest>();
        var images = 0;
        while (images < options.Value.MaxBatchImages && _requests.Reader.TryRead(out var request))
        {
            if (request.CancellationToken.IsCancellationRequested)
            {
                request.Completion.TrySetCanceled(request.CancellationToken);
                continue;
            }
            batch.Add(request);
            images += request.Images.Count;
        }
        return batch;
    }

    private void RunGroup(List<InferenceRequest> group, Device target)
    {
        try
        {
            var first = group[0];
            var network = cache.Get(first.Model.Id, first.CheckpointPath, target);
            var results = Infer(network, first.Model.Description, group.SelectMany(r => r.Images).ToList(), first.Explain, target);
            var offset = 0;
            foreach (var request in group)
            {
                request.Completion.TrySetResult(results[offset..(offset + request.Images.Count)]);
                offset += request.Images.Count;
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Classification with model {ModelId} failed", group[0].Model.Id);
            foreach (var request in group)
                request.Completion.TrySetException(e);
        }
    }

    private static ImageInference[] Infer(ResNet network, ModelDescription description, List<byte[]> images, bool explain, Device target)
    {
        var config = description.Architecture;
        var pixels = new byte[images.Sum(i => i.Length)];
        var at = 0;
        foreach (var image in images)
        {
            image.CopyTo(pixels, at);
            at += image.Length;
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // The training's own transfer: the same uint8-to-float conversion and normalisation the network learned with.
        using var transfer = new InputTransfer(new ImageShape(config.InputChannels, config.InputHeight, config.InputWidth), description.Normalization, target);
        var input = transfer.Images(pixels, images.Count);
        if (explain)
            return GradCam.Explain(network, input).Select(e => new ImageInference(e.Probabilities, e.Map)).ToArray();
        var output = network.forward(input).softmax(1).cpu().data<float>().ToArray();
        return Enumerable.Range(0, images.Count).Select(i => new ImageInference(output[(i * config.Classes)..((i + 1) * config.Classes)], null)).ToArray();
    }
}
