using TorchSharp;

namespace ResNetService.Model.Tests;

public class TorchDevicesTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void CpuIsAlwaysAvailable(string setting)
    {
        Assert.Equal(DeviceType.CPU, TorchDevices.Resolve(setting).type);
    }

    [Fact]
    public void AutoPicksCudaOnlyWhenItIsThere()
    {
        var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;

        Assert.Equal(expected, TorchDevices.Resolve("auto").type);
        Assert.Equal(expected, TorchDevices.Resolve(null).type);
    }

    [Fact]
    public void CudaThatIsNotThereIsRefusedWithTheReason()
    {
        var (setting, reason) = torch.cuda.is_available() ? ("cuda:99", "does not exist") : ("cuda", "CUDA is not available");

        var error = Assert.Throws<ArgumentException>(() => TorchDevices.Resolve(setting));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void UnknownDeviceNamesTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => TorchDevices.Resolve("tpu"));

        Assert.Contains("auto, cpu, cuda or cuda:N", error.Message);
    }
}
