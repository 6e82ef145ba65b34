using TorchSharp;

namespace ResNetService.Model.Tests;

public class TorchInitialisationTests
{
    [Fact]
    public void TorchInitialisesAndComputes()
    {
        using var sum = torch.ones(2, 3).sum();
        Assert.Equal(6f, sum.item<float>());
    }
}
