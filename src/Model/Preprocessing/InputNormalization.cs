namespace ResNetService.Model.Preprocessing;

/// <summary>Per-channel mean and standard deviation of pixels scaled to [0, 1], measured on the training split.</summary>
public sealed record InputNormalization(IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    public static InputNormalization Identity(int channels) =>
        new(Enumerable.Repeat(0f, channels).ToArray(), Enumerable.Repeat(1f, channels).ToArray());
}
