using System.Text.Json;
using ResNetService.Model.Architecture;
using ResNetService.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Model.Checkpoints;

/// <summary>
/// A trained network in one file: its description (architecture, classes, normalisation) and its weights and
/// running statistics, bit-exact. Training checkpoints add their own entries beside these two.
/// </summary>
public static class ModelCheckpoint
{
    public const string DescriptionEntry = "model.json";
    public const string WeightsEntry = "weights.bin";

    public static void Save(string path, ResNet model, ModelDescription description, IReadOnlyDictionary<string, byte[]>? extraEntries = null)
    {
        if (!description.Architecture.Equals(model.Config))
            throw new ArgumentException("The description's architecture is not the model's.", nameof(description));
        var entries = new Dictionary<string, byte[]>(extraEntries ?? new Dictionary<string, byte[]>())
        {
            [DescriptionEntry] = JsonSerializer.SerializeToUtf8Bytes(description, CheckpointJson.Options),
            [WeightsEntry] = Weights(model),
        };
        CheckpointArchive.Write(path, entries);
    }

    /// <summary>The checkpoint's description alone: read and checked without building its network.</summary>
    /// <exception cref="CheckpointException">The file is not a checkpoint, or its description is not valid.</exception>
    public static ModelDescription ReadDescription(string path) => ReadDescription(path, CheckpointArchive.Read(path));

    public static LoadedCheckpoint Load(string path, Device? device = null)
    {
        var entries = CheckpointArchive.Read(path);
        var description = ReadDescription(path, entries);
        var model = new ResNet(description.Architecture);
        try
        {
            if (!entries.TryGetValue(WeightsEntry, out var weights))
                throw new CheckpointException(path, $"entry '{WeightsEntry}' is missing.");
            using var reader = new BinaryReader(new MemoryStream(weights));
            model.load(reader, strict: true);
            if (reader.BaseStream.Position != reader.BaseStream.Length)
                throw new CheckpointException(path, "its weights hold more data than the architecture has parameters.");
            if (device is not null)
                model.to(device);
            return new LoadedCheckpoint(model, description, entries);
        }
        catch (Exception e)
        {
            model.Dispose();
            throw e is CheckpointException ? e
                : new CheckpointException(path, $"its weights do not fit {description.Architecture}: {e.Message}", e);
        }
    }

    private static ModelDescription ReadDescription(string path, IReadOnlyDictionary<string, byte[]> entries)
    {
        if (!entries.TryGetValue(DescriptionEntry, out var json))
            throw new CheckpointException(path, $"entry '{DescriptionEntry}' is missing.");
        ModelDescription? stored;
        try
        {
            stored = JsonSerializer.Deserialize<ModelDescription>(json, CheckpointJson.Options);
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"'{DescriptionEntry}' is not valid JSON: {e.Message}", e);
        }
        if (stored?.Architecture?.Units is null || stored.Architecture.Filters is null || stored.Classes is null
            || stored.Normalization?.Mean is null || stored.Normalization.Std is null)
            throw new CheckpointException(path, $"'{DescriptionEntry}' lacks the architecture, the classes or the normalisation.");

        var a = stored.Architecture;
        ResNetConfig architecture;
        try
        {
            architecture = ResNetConfigResolver.Resolve(a.Layout, a.Input, a.Classes);
        }
        catch (InvalidArchitectureException e)
        {
            throw new CheckpointException(path, $"'{DescriptionEntry}' does not describe a valid network: {e.Message}", e);
        }
        if (stored.Classes.Count != architecture.Classes)
            throw new CheckpointException(path, $"it names {stored.Classes.Count} classes for a {architecture.Classes}-class network.");
        if (stored.Normalization.Mean.Count != architecture.InputChannels || stored.Normalization.Std.Count != architecture.InputChannels)
            throw new CheckpointException(path, $"its normalisation does not have one mean and std per input channel ({architecture.InputChannels}).");
        return stored with { Architecture = architecture };
    }

    private static byte[] Weights(ResNet model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            model.save(writer);
        return buffer.ToArray();
    }
}
