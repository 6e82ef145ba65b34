using ResNetService.Training.Data;

namespace ResNetService.Training.Health;

/// <summary>Train, then validation, then test: an image in a later split that is also in an earlier one has leaked.</summary>
internal static class SplitOrder
{
    private static readonly string[] Order = [SplitNames.Train, SplitNames.Validation, SplitNames.Test];

    public static int Rank(string split) => Array.IndexOf(Order, split);

    public static IEnumerable<string> Of(IEnumerable<string> splits) => splits.OrderBy(Rank);
}
