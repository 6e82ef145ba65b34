using Microsoft.Extensions.DependencyInjection;
using ResNetService.Api.Jobs.Worker;

namespace ResNetService.Api.Tests;

public sealed class DurableWritesTests
{
    private static DurableWrites Writes() =>
        new ServiceCollection().AddLogging().AddRunWorker().BuildServiceProvider().GetRequiredService<DurableWrites>();

    [Fact]
    public void AWriteTheRecordsDatabaseDidNotAnswerIsTriedAgainUntilItSucceeds()
    {
        var calls = 0;

        var written = Writes().Run(() => ++calls < 3 ? throw new TimeoutException("The records database did not answer.") : calls, "record a test write");

        Assert.Equal(3, written);
        Assert.Equal(3, calls);
    }

    [Fact]
    public void AWriteThatFailsForAnotherReasonIsNotTriedAgain()
    {
        var calls = 0;

        Assert.Throws<InvalidOperationException>(() => Writes().Run<int>(() => { calls++; throw new InvalidOperationException("Not the database."); }, "record a test write"));
        Assert.Equal(1, calls);
    }
}
