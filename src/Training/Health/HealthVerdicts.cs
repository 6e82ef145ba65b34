namespace ResNetService.Training.Health;

/// <summary>How much a finding matters: ok, worth a look (warning), or likely to spoil training or its figures (problem).</summary>
public static class HealthVerdicts
{
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Problem = "problem";

    public static string Worst(IEnumerable<string> verdicts) =>
        verdicts.MaxBy(Rank) ?? Ok;

    private static int Rank(string verdict) => verdict switch
    {
        Problem => 2,
        Warning => 1,
        _ => 0,
    };
}
