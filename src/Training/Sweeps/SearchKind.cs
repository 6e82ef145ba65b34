namespace ResNetService.Training.Sweeps;

public enum SearchKind
{
    /// <summary>Each trial draws every parameter at random, as a function of the seed and the trial's number only.</summary>
    Random,
    /// <summary>Every combination of the listed values, in order (choice and int ranges only).</summary>
    Grid,
}
