using ResNetService.Model.Network;
using static TorchSharp.torch;

namespace ResNetService.Model.Tests.Explanation;

/// <summary>
/// A generated task where only one half of the image decides the class: class 0 has a bright left half, class 1 a
/// bright right half, the rest is darker noise; a small network learns it in a few steps.
/// </summary>
internal static class HalfBrightTask
{
    public const int Side = 16;

    /// <summary>
    /// The bright part of the deciding half stops short of the centre line: a network that pools globally can only
    /// tell the halves apart by the edges of the bright part, and an edge on the centre line would be as much in
    /// one half as in the other.
    /// </summary>
    private const int BrightColumns = Side / 2 - 3;

    /// <summary>Normalised N×1×16×16 images (roughly zero mean, unit spread) and their labels 0 (left) or 1 (right).</summary>
    public static (Tensor Images, Tensor Labels) Generate(int count, int seed)
    {
        var generator = new Generator((ulong)seed);
        var labels = randint(0, 2, [count], generator: generator);
        var images = rand([count, 1, Side, Side], generator: generator).mul_(0.6);
        var bright = rand([count, 1, Side, BrightColumns], generator: generator).mul_(0.1).add_(0.85);
        for (var i = 0; i < count; i++)
        {
            var left = labels[i].item<long>() == 0 ? 0 : Side - BrightColumns;
            images[i, TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(left, left + BrightColumns)] = bright[i];
        }
        return (images.sub_(0.4).div_(0.3), labels);
    }

    /// <summary>Plain SGD with momentum on fresh batches until the task is learnt; leaves the model in inference mode.</summary>
    public static void Train(ResNet model, int steps = 120, int batch = 32)
    {
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.05, momentum: 0.9);
        model.train();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var (images, labels) = Generate(batch, seed: 1000 + step);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(images), labels);
            loss.backward();
            optimizer.step();
        }
        model.eval();
    }

    /// <summary>A map's mass in the half that decides the class, and in all.</summary>
    public static (double Deciding, double Total) MassIn(Model.Explanation.ClassActivationMap map, long label)
    {
        double deciding = 0, total = 0;
        for (var row = 0; row < map.Height; row++)
        {
            for (var column = 0; column < map.Width; column++)
            {
                var value = map.At(row, column);
                total += value;
                if ((column < map.Width / 2) == (label == 0))
                    deciding += value;
            }
        }
        return (deciding, total);
    }
}
