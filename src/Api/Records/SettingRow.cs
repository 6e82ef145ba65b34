namespace ResNetService.Api.Records;

/// <summary>A service-wide setting changed at run time, such as the pinned default model.</summary>
public sealed class SettingRow
{
    public const string DefaultModel = "default-model";

    public required string Key { get; init; }
    public required string Value { get; set; }
}
