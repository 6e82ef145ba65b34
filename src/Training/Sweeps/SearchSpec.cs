namespace ResNetService.Training.Sweeps;

/// <param name="Seed">Random search: the trials' parameters are a function of this seed and each trial's number.</param>
public sealed record SearchSpec(SearchKind Kind = SearchKind.Random, long Seed = 0);
