namespace ResNetService.Model.Explanation;

/// <summary>
/// Where the network looked for one class: a grid over the last stage's positions (each covering an equal patch of
/// the input), row-major, scaled so its largest value is 1 (all zeros when nothing spoke for the class).
/// </summary>
public sealed record ClassActivationMap(int ClassIndex, int Height, int Width, float[] Values)
{
    public float At(int row, int column) => Values[row * Width + column];
}
