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
