using ResNetService.Model.Architecture;

namespace ResNetService.Training.Pipeline;

/// <summary>A random transformation of one CHW uint8 sample, in place; runs on the loader's thread, not the trainer's.</summary>
public interface IAugmentation
{
    void Apply(Span<byte> sample, ImageShape shape, Random random);
}
