namespace ResNetService.Training.Tests.Engine;

/// <summary>
/// Test classes that seed torch's global generator and then draw from it (building or training a network). xUnit runs
/// test classes in parallel; in one collection they run one after another, so no class draws from another's seed.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchSeedCollection
{
    public const string Name = "torch global seed";
}
