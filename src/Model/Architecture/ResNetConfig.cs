using System.Text.Json.Serialization;

namespace ResNetService.Model.Architecture;

/// <summary>
/// The exact architecture of a pre-activation ResNet: what <see cref="Network.ResNet"/> builds and what checkpoints store.
/// Create one through <see cref="ResNetConfigResolver"/>, which validates it.
/// </summary>
/// <param name="Filters">Stem width first, then the output width of each stage (one more entry than <paramref name="Units"/>).</param>
public sealed record ResNetConfig(
    int InputChannels,
    int InputHeight,
    int InputWidth,
    int Classes,
    bool Bottleneck,
    IReadOnlyList<int> Units,
    IReadOnlyList<int> Filters)
{
    /// <summary>Inputs up to this height use the CIFAR-style stem (MXNet cuts at 28; 32 lets CIFAR-sized inputs fit).</summary>
    public const int SmallImageMaxHeight = 32;

    public bool SmallImageStem => InputHeight <= SmallImageMaxHeight;

    public int Stages => Units.Count;

    /// <summary>Weighted layers: the stem conv, two or three convs per unit, and the classifier.</summary>
    public int Depth => 2 + Units.Sum() * (Bottleneck ? 3 : 2);

    /// <summary>The input this network takes.</summary>
    [JsonIgnore]
    public ImageShape Input => new(InputChannels, InputHeight, InputWidth);

    /// <summary>The layout that resolves to this architecture, so a stored one is checked by the same rules as a requested one.</summary>
    [JsonIgnore]
    public NetworkLayout Layout => new() { Bottleneck = Bottleneck, Units = Units, Filters = Filters };

    public bool Equals(ResNetConfig? other) =>
        other is not null
        && InputChannels == other.InputChannels && InputHeight == other.InputHeight && InputWidth == other.InputWidth
        && Classes == other.Classes && Bottleneck == other.Bottleneck
        && Units.SequenceEqual(other.Units) && Filters.SequenceEqual(other.Filters);

    public override int GetHashCode() =>
        HashCode.Combine(InputChannels, InputHeight, InputWidth, Classes, Bottleneck, string.Join(',', Units), string.Join(',', Filters));

    public override string ToString() =>
        $"ResNet-{Depth} ({(Bottleneck ? "bottleneck" : "basic")} units {string.Join(',', Units)}, filters {string.Join(',', Filters)}, input {InputChannels}x{InputHeight}x{InputWidth}, {Classes} classes)";
}
