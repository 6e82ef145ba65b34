using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting;
using ResNetService.Api.Jobs;

namespace ResNetService.Api.Tests;

public class DevicePoolTests
{
    [Fact]
    public void NamedDeviceIsSharedByEveryLease()
    {
        var pool = new DevicePool(Options.Create(new DeviceOptions { Device = "cpu" }));

        using var first = pool.Lease();
        using var second = pool.Lease();

        Assert.Equal(1, pool.Count);
        Assert.Equal("cpu", first.Device);
        Assert.Equal("cpu", second.Device);
    }

    [Fact]
    public void AutoWithoutCudaLeasesTheCpu()
    {
        var pool = new DevicePool(Options.Create(new DeviceOptions { Device = "auto" }));

        using var lease = pool.Lease();

        Assert.Equal(TorchSharp.torch.cuda.is_available() ? "cuda:0" : "cpu", lease.Device);
    }
}
