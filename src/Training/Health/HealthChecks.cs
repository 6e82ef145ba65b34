namespace ResNetService.Training.Health;

/// <summary>The names of the checks a health report runs, as its findings carry them.</summary>
public static class HealthChecks
{
    public const string ExactDuplicates = "exactDuplicates";
    public const string NearDuplicates = "nearDuplicates";
    public const string Unreadable = "unreadable";
    public const string ClassBalance = "classBalance";
    public const string ImageSizes = "imageSizes";
    public const string ColourMix = "colourMix";
    public const string SmallImages = "smallImages";
    public const string ClassNames = "classNames";
}
