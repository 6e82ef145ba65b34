using System.Globalization;
using System.Text.Json;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using ResNetService.Training.Telemetry;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResNetService.Training.Checkpointing;

/// <summary>
/// A run's checkpoint folder: the last <c>keepLast</c> training checkpoints (weights, optimiser, trainer state) and
/// <c>best.ckpt</c>, the weights of the best validation epoch. Every file is written atomically (see
/// <see cref="CheckpointArchive"/>); a damaged newest checkpoint is passed over for the one before it.
/// </summary>
public sealed class TrainingCheckpoints(string folder, int keepLast)
{
    public const string TrainerStateEntry = "trainer.json";
    public const string OptimizerEntry = "optimizer.bin";
    public const string BestFileName = "best.ckpt";
    private const string Prefix = "train-";

    public string Folder => folder;

    public string BestPath => Path.Combine(folder, BestFileName);

    public string Save(ResNet model, ModelDescription description, SGD optimizer, TrainerState state)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{state.GlobalStep:D10}.ckpt");
        var path = Path.Combine(folder, name);
        ModelCheckpoint.Save(path, model, description, new Dictionary<string, byte[]>
        {
            [TrainerStateEntry] = JsonSerializer.SerializeToUtf8Bytes(state, CheckpointJson.Options),
            [OptimizerEntry] = OptimizerBytes(optimizer),
        });
        Written(path, "training");
        Prune();
        return path;
    }

    public void SaveBest(ResNet model, ModelDescription description)
    {
        ModelCheckpoint.Save(BestPath, model, description);
        Written(BestPath, "best");
    }

    private static void Written(string path, string kind)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        TrainingTelemetry.Checkpoints.Add(1, tag);
        TrainingTelemetry.CheckpointSize.Record(new FileInfo(path).Length, tag);
    }

    /// <summary>The newest readable training checkpoint, or null when the run has none (a fresh start).</summary>
    public ResumePoint? Latest(Action<CheckpointException> onDamaged)
    {
        foreach (var path in TrainingFiles())
        {
            try
            {
                var loaded = ModelCheckpoint.Load(path);
                try
                {
                    var state = JsonSerializer.Deserialize<TrainerState>(Entry(path, loaded, TrainerStateEntry), CheckpointJson.Options)
                        ?? throw new CheckpointException(path, $"'{TrainerStateEntry}' is empty.");
                    return new ResumePoint(loaded, Entry(path, loaded, OptimizerEntry), state);
                }
                catch (Exception e) when (e is JsonException or CheckpointException)
                {
                    loaded.Model.Dispose();
                    throw e as CheckpointException ?? new CheckpointException(path, $"'{TrainerStateEntry}' is not valid: {e.Message}", e);
                }
            }
            catch (CheckpointException e)
            {
                onDamaged(e);
            }
        }
        return null;
    }

    /// <summary>
    /// Once a run's model is published only its newest training checkpoint is worth keeping (to look at, or to train on
    /// from); the older ones and <c>best.ckpt</c>, which the model now holds, go.
    /// </summary>
    public static void PruneToNewest(string folder)
    {
        if (!Directory.Exists(folder))
            return;
        var checkpoints = new TrainingCheckpoints(folder, keepLast: 1);
        checkpoints.Prune();
        File.Delete(checkpoints.BestPath);
    }

    /// <summary>Deletes the training checkpoints beyond the newest <c>keepLast</c>.</summary>
    public void Prune()
    {
        foreach (var old in TrainingFiles().Skip(keepLast))
            File.Delete(old);
    }

    /// <summary>
    /// Copies the newest <c>keepLast</c> training checkpoints found in <paramref name="sources"/> into this folder, with
    /// the <c>best.ckpt</c> beside the newest of them: where a training that goes on from them resumes (and, should no
    /// later epoch be better, takes its best weights from). Several, so that a damaged newest one is passed over. A
    /// file that goes while this runs (its writer pruned it) is passed over too.
    /// </summary>
    /// <returns>How many training checkpoints were copied.</returns>
    public int CopyNewestFrom(IEnumerable<string> sources)
    {
        var newest = sources.Select(source => new TrainingCheckpoints(source, keepLast))
            .SelectMany(source => source.TrainingFiles().Select(path => (Source: source, Path: path)))
            .OrderByDescending(file => Path.GetFileName(file.Path), StringComparer.Ordinal)
            .Take(keepLast)
            .ToList();
        Directory.CreateDirectory(folder);
        var copied = newest.Where(file => Transfer(file.Path, Path.Combine(folder, Path.GetFileName(file.Path)), File.Copy)).ToList();
        if (copied.Count > 0)
            Transfer(copied[0].Source.BestPath, BestPath, File.Copy);
        return copied.Count;
    }

    /// <summary>
    /// Moves every training checkpoint and <c>best.ckpt</c> of <paramref name="sources"/> into this folder, in their
    /// order (a later source's file replaces an earlier one's of the same name), then keeps the newest <c>keepLast</c>.
    /// </summary>
    public void MoveFrom(IEnumerable<string> sources)
    {
        Directory.CreateDirectory(folder);
        foreach (var source in sources.Select(source => new TrainingCheckpoints(source, keepLast)))
        {
            foreach (var path in source.TrainingFiles())
                Transfer(path, Path.Combine(folder, Path.GetFileName(path)), File.Move);
            Transfer(source.BestPath, BestPath, File.Move);
        }
        Prune();
    }

    /// <returns>False when the file was not there (any more).</returns>
    private static bool Transfer(string from, string to, Action<string, string, bool> transfer)
    {
        try
        {
            transfer(from, to, true);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    public static void RestoreOptimizer(SGD optimizer, byte[] state, Device device)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        optimizer.load_state_dict(reader);
        // TorchSharp reads momentum buffers onto the CPU (and its State.to drops the moved copy): move them by hand,
        // or a resumed CUDA run would mix devices in its first step.
        foreach (var entry in optimizer.state_dict().State.OfType<SGD.State>())
        {
            if (entry.momentum_buffer is { } buffer && (buffer.device_type != device.type || buffer.device_index != device.index))
            {
                entry.momentum_buffer = buffer.to(device).DetachFromDisposeScope();
                buffer.Dispose();
            }
        }
    }

    private IEnumerable<string> TrainingFiles() =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, Prefix + "*.ckpt").OrderDescending(StringComparer.Ordinal)
            : [];

    private static byte[] Entry(string path, LoadedCheckpoint loaded, string name) =>
        loaded.Entries.TryGetValue(name, out var bytes) ? bytes : throw new CheckpointException(path, $"entry '{name}' is missing; not a training checkpoint.");

    private static byte[] OptimizerBytes(SGD optimizer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);
        return buffer.ToArray();
    }
}
