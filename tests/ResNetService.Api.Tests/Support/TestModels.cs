using ResNetService.Api.Models;
using ResNetService.Api.Records;
using ResNetService.Api.Storage;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;

namespace ResNetService.Api.Tests.Support;

/// <summary>Tiny untrained ResNets (one basic unit per stage, 4 filters throughout) saved as checkpoints into a service's data root, as a finished job would.</summary>
public static class TestModels
{
    public static ModelRow Publish(ServiceFactory factory, string name, IReadOnlyList<string> classes, int channels = 3, int side = 8, int stages = 1)
    {
        var config = ResNetConfigResolver.Resolve(new ResNetSpec(channels, side, side, classes.Count, Units: Enumerable.Repeat(1, stages).ToArray(), Filters: Enumerable.Repeat(4, stages + 1).ToArray()));
        var description = new ModelDescription(config, classes, new InputNormalization(
            Enumerable.Repeat(0.5f, channels).ToArray(), Enumerable.Repeat(0.25f, channels).ToArray()));
        var checkpoint = factory.Service<DataRoot>().NewTemporaryPath(".ckpt");
        using (var model = new ResNet(config))
            ModelCheckpoint.Save(checkpoint, model, description);
        var id = ResourceIds.New();
        return factory.Service<ModelStore>().Publish(new ModelRow
        {
            Id = id, Name = name, CreatedAt = DateTimeOffset.UtcNow, Description = description, BestEpoch = 1, BestValidationAccuracy = 0.5,
            History = [], CheckpointPath = ModelStore.CheckpointPathFor(id),
        }, checkpoint);
    }
}
