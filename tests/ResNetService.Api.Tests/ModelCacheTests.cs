using System.Diagnostics.Metrics;
using System.Net;
using ResNetService.Api.Telemetry;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests;

/// <summary>Checkpoint loads per /classify request, counted on the service's own <c>resnet.model.loads</c> counter.</summary>
public sealed class ModelCacheTests : IDisposable
{
    private readonly ServiceFactory _factory = ServiceFactory.With(new() { ["Classification:CachedModels"] = "2" });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ThreeModelsTakenInTurnWithTwoCachedDoNotReloadOnEveryRequest()
    {
        const int rounds = 4;
        var models = Enumerable.Range(0, 3).Select(i => TestModels.Publish(_factory, $"m{i}", ["a", "b"]).Id).ToList();
        var client = _factory.CreateClient();
        using var loads = new LoadCounter(_factory.Service<ServingTelemetry>().ModelLoads);

        var loadsAfterEachRound = new List<long>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var model in models)
                await (await client.PostAsync($"/classify?modelId={model}", Multipart.Files("image", ("a.png", TestImages.Png(8, 8)))))
                    .AssertJson(HttpStatusCode.OK);
            loadsAfterEachRound.Add(loads.Count);
        }

        // Each model is loaded once to begin with; after that, plain LRU would load one on each of the 9 requests.
        Assert.Equal(3, loadsAfterEachRound[0]);
        var later = loadsAfterEachRound[^1] - loadsAfterEachRound[0];
        Assert.True(later <= rounds - 1, $"{later} loads for {(rounds - 1) * models.Count} requests after the first round");
    }

    /// <summary>Counts one host's instrument only: other tests' hosts in this process have counters of the same name.</summary>
    private sealed class LoadCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public LoadCounter(Counter<long> instrument)
        {
            _listener.InstrumentPublished = (published, listener) =>
            {
                if (ReferenceEquals(published, instrument))
                    listener.EnableMeasurementEvents(published);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
