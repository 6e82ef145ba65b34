namespace ResNetService.Training.Health;

/// <summary>Every image of a dataset with what scanning it found: what each check works from.</summary>
internal sealed class ScannedDataset(IReadOnlyList<string> classes, IReadOnlyList<HealthSample> samples, SampleFacts[] facts)
{
    public IReadOnlyList<string> Classes => classes;

    public IReadOnlyList<HealthSample> Samples => samples;

    public SampleFacts[] Facts => facts;

    public IEnumerable<int> Readable => Enumerable.Range(0, samples.Count).Where(i => facts[i].IsReadable);

    public SampleRef RefOf(int index)
    {
        var sample = samples[index];
        return new SampleRef(sample.Split, sample.Name, classes[sample.Label], sample.Index);
    }
}
