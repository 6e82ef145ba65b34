using ResNetService.Api.Jobs.Worker;

namespace ResNetService.Api.Tests;

public class DevicePoolTests
{
    [Fact]
    public void EachLeaseTakesTheLeastBusyDevice()
    {
        var pool = new DevicePool(["cuda:0", "cuda:1"]);

        using var first = pool.Lease();
        using var second = pool.Lease();
        using var third = pool.Lease();

        Assert.Equal(["cuda:0", "cuda:1", "cuda:0"], [first.Device, second.Device, third.Device]);
    }

    [Fact]
    public void AReleasedDeviceIsLeasedAgainFirst()
    {
        var pool = new DevicePool(["cuda:0", "cuda:1", "cuda:2"]);
        using var a = pool.Lease();
        var b = pool.Lease();
        using var c = pool.Lease();

        b.Dispose();
        b.Dispose();
        using var next = pool.Lease();
        using var after = pool.Lease();

        Assert.Equal("cuda:1", next.Device);
        Assert.Equal("cuda:0", after.Device);
    }

    [Fact]
    public void ANamedDeviceIsTheOnlyOne()
    {
        var pool = DevicePool.For("cpu");

        using var first = pool.Lease();
        using var second = pool.Lease();

        Assert.Equal(1, pool.Count);
        Assert.Equal(["cpu", "cpu"], [first.Device, second.Device]);
    }
}
