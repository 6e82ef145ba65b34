namespace ResNetService.Training.Data;

public static class SplitNames
{
    public const string Train = "train";
    public const string Validation = "validation";
    public const string Test = "test";
}
