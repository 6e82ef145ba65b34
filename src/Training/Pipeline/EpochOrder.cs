namespace ResNetService.Training.Pipeline;

/// <summary>Which samples go into which batch in one epoch.</summary>
public sealed class EpochOrder
{
    private readonly int[] _order;
    private readonly int _batchSize;

    private EpochOrder(int[] order, int batchSize, int batches)
    {
        _order = order;
        _batchSize = batchSize;
        Batches = batches;
    }

    public int Batches { get; }

    /// <summary>
    /// A seeded shuffle of the training samples. The last incomplete batch is dropped (when there is more than one
    /// batch), so every step sees a full batch and batch normalisation never meets a batch of one.
    /// </summary>
    public static EpochOrder Shuffled(int count, int batchSize, int seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        SeededRandom.For(seed, epoch).Shuffle(order);
        return new EpochOrder(order, batchSize, TrainingBatches(count, batchSize));
    }

    /// <summary>
    /// A class-balanced epoch of <paramref name="count"/> samples: each position draws a class uniformly from those
    /// present, then a sample of that class, with replacement, so minority classes appear as often as the others.
    /// A function of seed and epoch like <see cref="Shuffled"/>, so a resumed run draws the same batches.
    /// </summary>
    public static EpochOrder ClassBalanced(IReadOnlyList<int[]> samplesByClass, int count, int batchSize, int seed, int epoch)
    {
        var present = samplesByClass.Where(samples => samples.Length > 0).ToArray();
        var random = SeededRandom.For(seed, epoch);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            var samples = present[random.Next(present.Length)];
            order[i] = samples[random.Next(samples.Length)];
        }
        return new EpochOrder(order, batchSize, TrainingBatches(count, batchSize));
    }

    /// <summary>Every sample once, in order, the last batch possibly smaller: for evaluation.</summary>
    public static EpochOrder Sequential(int count, int batchSize) =>
        new(Enumerable.Range(0, count).ToArray(), batchSize, (count + batchSize - 1) / batchSize);

    public static int TrainingBatches(int count, int batchSize) => count <= batchSize ? 1 : count / batchSize;

    public ReadOnlySpan<int> Batch(int index)
    {
        var start = index * _batchSize;
        return _order.AsSpan(start, Math.Min(_batchSize, _order.Length - start));
    }
}
