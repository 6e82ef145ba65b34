using ResNetService.Model.Network;

namespace ResNetService.Model.Checkpoints;

/// <summary>A network restored from a checkpoint, with its description and every entry of the file (training state included).</summary>
public sealed record LoadedCheckpoint(ResNet Model, ModelDescription Description, IReadOnlyDictionary<string, byte[]> Entries);
