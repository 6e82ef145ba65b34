namespace ResNetService.Model.Checkpoints;

/// <summary>A checkpoint that cannot be used: truncated, corrupted, of another format version, or not matching its model.</summary>
public sealed class CheckpointException(string path, string problem, Exception? inner = null)
    : Exception($"Checkpoint '{Path.GetFileName(path)}' cannot be loaded: {problem}", inner);
