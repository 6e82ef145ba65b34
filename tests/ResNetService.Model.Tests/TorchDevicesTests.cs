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

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData(" Auto ", true)]
    [InlineData("cpu", false)]
    [InlineData("cuda:0", false)]
    public void AutoIsTheDefaultSetting(string? setting, bool auto)
    {
        Assert.Equal(auto, TorchDevices.IsAuto(setting));
    }

    [Theory]
    [InlineData("auto", true)]
    [InlineData("CUDA:1", true)]
    [InlineData("cuda:-1", false)]
    [InlineData("cuda:x", false)]
    [InlineData("tpu", false)]
    public void SettingsAreCheckedWithoutAnyDevice(string setting, bool valid)
    {
        Assert.Equal(valid, TorchDevices.IsValidSetting(setting));
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
