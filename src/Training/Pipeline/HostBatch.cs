namespace ResNetService.Training.Pipeline;

/// <summary>One batch as the loader thread prepared it: CHW uint8 pixels and labels in managed memory.</summary>
public sealed record HostBatch(int Step, byte[] Pixels, long[] Labels)
{
    public int Count => Labels.Length;
}
