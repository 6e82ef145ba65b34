using System.Collections.Concurrent;
using ResNetService.Training.Data;

namespace ResNetService.Training.Pipeline;

/// <summary>
/// Prepares batches (decode or copy, then augment) on a background thread, a few steps ahead of the trainer, so the
/// model never waits for data. It touches no tensors: TorchSharp's dispose scopes are per thread, and the trainer
/// turns each batch into tensors on its own thread.
/// </summary>
public sealed class BatchLoader(IImageSource source, ImageShape shape, IReadOnlyList<IAugmentation> augmentations, int seed, int prefetch = 3)
{
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
                    queue.Add(Prepare(order.Batch(step), epoch, step), stop.Token);
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
        void Fill(int i)
        {
            var sample = pixels.AsSpan(i * sampleBytes, sampleBytes);
            source.ReadInto(chosen[i], shape.Channels, shape.Height, shape.Width, sample);
            if (augmentations.Count == 0)
                return;
            var random = SeededRandom.For(seed, epoch, step, i);
            foreach (var augmentation in augmentations)
                augmentation.Apply(sample, shape, random);
        }
        for (var i = 0; i < chosen.Length; i++)
            labels[i] = source.LabelAt(chosen[i]);
        if (source is InMemoryImages && augmentations.Count == 0)
            for (var i = 0; i < chosen.Length; i++)
                Fill(i);
        else
            Parallel.For(0, chosen.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Fill);
        return new HostBatch(step, pixels, labels);
    }
}
