using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Sources;

namespace ResNetService.Training.Pipeline;

/// <summary>
/// Prepares batches (decode or copy, then augment) on background threads, a few steps ahead of the trainer, so the
/// model never waits for data. Each worker prepares whole batches (worker k takes every k-th step): a core never waits
/// for another's last sample of a batch, and no work is split finer than a batch. It touches no tensors: TorchSharp's
/// dispose scopes are per thread, and the trainer turns each batch into tensors on its own thread.
/// </summary>
/// <param name="region">
/// The part of each original that becomes the sample (a random resized crop, or the evaluation crop), drawn before the
/// augmentations from the same per-sample generator; null reads each sample whole at the shape.
/// </param>
/// <param name="workers">Threads preparing batches; by default one per core.</param>
public sealed class BatchLoader(IImageSource source, ImageShape shape, IReadOnlyList<IAugmentation> augmentations, int seed,
    double maxSkippedFraction = 0.01, int prefetch = 3, IImageRegion? region = null, int? workers = null)
{
    private readonly ConcurrentDictionary<int, string> _undecodable = new();

    /// <summary>
    /// Samples that failed to decode (a streamed file whose header was fine but whose pixels are not): left out of their
    /// batch and counted against the same threshold as the dataset reader's; past it the run fails naming the files.
    /// </summary>
    public int SkippedSamples => _undecodable.Count;

    /// <summary>
    /// The batches of <paramref name="order"/> from <paramref name="firstBatch"/> on, in order; augmentation draws depend
    /// only on (seed, epoch, step, sample), so which worker prepared a batch never shows in it.
    /// </summary>
    public IEnumerable<HostBatch> Batches(EpochOrder order, int epoch, int firstBatch, CancellationToken cancellationToken)
    {
        var steps = order.Batches - firstBatch;
        if (steps <= 0)
            yield break;
        var lanes = Math.Clamp(workers ?? Environment.ProcessorCount, 1, steps);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queues = Enumerable.Range(0, lanes).Select(_ => new BlockingCollection<HostBatch>(Math.Max(1, prefetch / lanes))).ToArray();
        var failures = new Exception?[lanes];
        var threads = Enumerable.Range(0, lanes).Select(lane => new Thread(() =>
        {
            try
            {
                for (var step = firstBatch + lane; step < order.Batches && !stop.IsCancellationRequested; step += lanes)
                    queues[lane].Add(Prepare(order.Batch(step), epoch, step), stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                failures[lane] = e;
            }
            finally
            {
                queues[lane].CompleteAdding();
            }
        }) { IsBackground = true, Name = $"batch-loader-{lane}" }).ToArray();
        foreach (var thread in threads)
            thread.Start();
        try
        {
            for (var step = 0; step < steps; step++)
            {
                var lane = step % lanes;
                if (!queues[lane].TryTake(out var batch, Timeout.Infinite, cancellationToken))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ExceptionDispatchInfo.Throw(failures[lane]!);
                }
                if (batch.Count > 0)
                    yield return batch;
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var thread in threads)
                thread.Join();
            foreach (var queue in queues)
                queue.Dispose();
        }
    }

    private HostBatch Prepare(ReadOnlySpan<int> indices, int epoch, int step)
    {
        var sampleBytes = shape.ByteCount;
        var pixels = new byte[indices.Length * sampleBytes];
        var labels = new long[indices.Length];
        var failed = new bool[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            labels[i] = source.LabelAt(indices[i]);
            var sample = pixels.AsSpan(i * sampleBytes, sampleBytes);
            var random = SeededRandom.For(seed, epoch, step, i);
            try
            {
                if (region is null)
                    source.ReadInto(indices[i], shape.Channels, shape.Height, shape.Width, sample);
                else
                    source.ReadRegionInto(indices[i], shape, region, random, sample);
            }
            catch (DatasetException e)
            {
                failed[i] = true;
                _undecodable.TryAdd(indices[i], e.Message);
                continue;
            }
            foreach (var augmentation in augmentations)
                augmentation.Apply(sample, shape, random);
        }
        if (!failed.Contains(true))
            return new HostBatch(step, pixels, labels);
        SkipThreshold.Enforce(_undecodable.Values.ToList(), source.Count, maxSkippedFraction);
        var kept = Enumerable.Range(0, indices.Length).Where(i => !failed[i]).ToArray();
        return new HostBatch(step,
            kept.SelectMany(i => pixels.AsSpan(i * sampleBytes, sampleBytes).ToArray()).ToArray(),
            kept.Select(i => labels[i]).ToArray());
    }
}
