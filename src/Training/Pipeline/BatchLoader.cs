using System.Collections.Concurrent;
using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Sources;

namespace ResNetService.Training.Pipeline;

/// <summary>
/// Prepares batches (decode or copy, then augment) on a background thread, a few steps ahead of the trainer, so the
/// model never waits for data. It touches no tensors: TorchSharp's dispose scopes are per thread, and the trainer
/// turns each batch into tensors on its own thread.
/// </summary>
/// <param name="region">
/// The part of each original that becomes the sample (a random resized crop, or the evaluation crop), drawn before the
/// augmentations from the same per-sample generator; null reads each sample whole at the shape.
/// </param>
public sealed class BatchLoader(IImageSource source, ImageShape shape, IReadOnlyList<IAugmentation> augmentations, int seed,
    double maxSkippedFraction = 0.01, int prefetch = 3, IImageRegion? region = null)
{
    private readonly ConcurrentDictionary<int, string> _undecodable = new();

    /// <summary>
    /// Samples that failed to decode (a streamed file whose header was fine but whose pixels are not): left out of their
    /// batch and counted against the same threshold as the dataset reader's; past it the run fails naming the files.
    /// </summary>
    public int SkippedSamples => _undecodable.Count;

    /// <summary>The batches of <paramref name="order"/> from <paramref name="firstBatch"/> on; augmentation draws depend only on (seed, epoch, step, sample).</summary>
    public IEnumerable<HostBatch> Batches(EpochOrder order, int epoch, int firstBatch, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<HostBatch>(prefetch);
        Exception? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                for (var step = firstBatch; step < order.Batches && !stop.IsCancellationRequested; step++)
                {
                    var batch = Prepare(order.Batch(step), epoch, step);
                    if (batch.Count > 0)
                        queue.Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }) { IsBackground = true, Name = "batch-loader" };
        producer.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
                yield return batch;
            producer.Join();
            if (failure is not null)
                throw failure;
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }

    private HostBatch Prepare(ReadOnlySpan<int> indices, int epoch, int step)
    {
        var sampleBytes = shape.ByteCount;
        var pixels = new byte[indices.Length * sampleBytes];
        var labels = new long[indices.Length];
        var chosen = indices.ToArray();
        var failed = new bool[chosen.Length];
        void Fill(int i)
        {
            var sample = pixels.AsSpan(i * sampleBytes, sampleBytes);
            var random = SeededRandom.For(seed, epoch, step, i);
            try
            {
                if (region is null)
                    source.ReadInto(chosen[i], shape.Channels, shape.Height, shape.Width, sample);
                else
                    source.ReadRegionInto(chosen[i], shape, region, random, sample);
            }
            catch (DatasetException e)
            {
                failed[i] = true;
                _undecodable.TryAdd(chosen[i], e.Message);
                return;
            }
            foreach (var augmentation in augmentations)
                augmentation.Apply(sample, shape, random);
        }
        for (var i = 0; i < chosen.Length; i++)
            labels[i] = source.LabelAt(chosen[i]);
        if (source is InMemoryImages && augmentations.Count == 0 && region is null)
            for (var i = 0; i < chosen.Length; i++)
                Fill(i);
        else
            Parallel.For(0, chosen.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Fill);
        if (!failed.Contains(true))
            return new HostBatch(step, pixels, labels);
        SkipThreshold.Enforce(_undecodable.Values.ToList(), source.Count, maxSkippedFraction);
        var kept = Enumerable.Range(0, chosen.Length).Where(i => !failed[i]).ToArray();
        return new HostBatch(step,
            kept.SelectMany(i => pixels.AsSpan(i * sampleBytes, sampleBytes).ToArray()).ToArray(),
            kept.Select(i => labels[i]).ToArray());
    }
}
