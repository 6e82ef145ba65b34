using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Model.Import;

/// <summary>
/// Turns a weights file (our checkpoint, a PyTorch state dict, safetensors or an MXNet .params file) into a network
/// of a given architecture. The names and shapes a file declares are checked against the architecture's state dict
/// before any value is read or the network is made, so memory follows the architecture (capped by the caller), never
/// what the file declares; values are checked for NaN and infinity as they are loaded. A file that fails is refused with
/// <see cref="WeightsImportException"/> naming every problem, and nothing is written.
/// </summary>
public static class WeightsImporter
{
    private const string InputScale = "bn_data.weight";

    /// <summary>Reads and checks the file and returns the loaded network (on the CPU, the caller's to dispose).</summary>
    public static ResNet Load(string path, WeightsFormat format, ResNetConfig config)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
            throw new WeightsImportException(file, "the file does not exist.");

        var readProblems = new List<string>();
        var unmapped = new List<string>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        var tensors = Read(stream, path, file, format, readProblems, unmapped);
        var problems = readProblems.Concat(WeightsCheck.Problems(tensors, unmapped, StateDictLayout.Of(config))).ToList();
        if (problems.Count > 0)
            throw new WeightsImportException(file, problems);
        var model = new ResNet(config);
        try
        {
            var valueProblems = Assign(model, tensors);
            if (valueProblems.Count > 0)
                throw new WeightsImportException(file, valueProblems);
            if (format == WeightsFormat.Mxnet)
                FixInputScale(model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Imports the file as a model checkpoint at <paramref name="checkpointPath"/> (written atomically), ready for
    /// classification and as the start of a fine-tuning run. The description's architecture is the one checked against.
    /// </summary>
    public static void ImportToCheckpoint(string weightsPath, WeightsFormat format, ModelDescription description, string checkpointPath)
    {
        using var model = Load(weightsPath, format, description.Architecture);
        ModelCheckpoint.Save(checkpointPath, model, description);
    }

    private static List<ImportedTensor> Read(Stream stream, string path, string file, WeightsFormat format, List<string> problems, List<string> unmapped)
    {
        switch (format)
        {
            case WeightsFormat.PyTorch:
                return [.. PyTorchStateDictReader.Read(stream, file, problems)];
            case WeightsFormat.SafeTensors:
                return [.. SafeTensorsReader.Read(stream, file, problems)];
            case WeightsFormat.Mxnet:
                var tensors = new List<ImportedTensor>();
                foreach (var (name, shape, values) in MxnetParamsReader.Read(stream, file, problems))
                {
                    if (MxnetNames.ToStateDictName(name) is not { } ours)
                        unmapped.Add(name);
                    else if (values is not null)
                        tensors.Add(new ImportedTensor(name, ours, shape, values));
                }
                return tensors;
            case WeightsFormat.Checkpoint:
                return FromCheckpoint(path, file);
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    /// <summary>
    /// The checkpoint's tensors as its own architecture lays them out; its network is loaded only when the first
    /// values are asked for, that is once they have been found to fit the architecture imported into.
    /// </summary>
    private static List<ImportedTensor> FromCheckpoint(string path, string file)
    {
        var values = new Lazy<Dictionary<string, float[]>>(() => StateOf(path, file));
        return StateDictLayout.Of(Checked(file, () => ModelCheckpoint.ReadDescription(path)).Architecture)
            .Select(p => new ImportedTensor(p.Key, p.Key, p.Value, () => values.Value[p.Key]))
            .ToList();
    }

    private static Dictionary<string, float[]> StateOf(string path, string file)
    {
        using var model = Checked(file, () => ModelCheckpoint.Load(path)).Model;
        using var scope = NewDisposeScope();
        return model.state_dict().ToDictionary(p => p.Key, p => p.Value.to_type(ScalarType.Float32).contiguous().data<float>().ToArray());
    }

    private static T Checked<T>(string file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CheckpointException e)
        {
            throw new WeightsImportException(file, e.Message);
        }
    }

    /// <summary>Reads each tensor's values and copies them into the network, one tensor at a time.</summary>
    /// <returns>Every tensor holding NaN or infinite values.</returns>
    private static List<string> Assign(ResNet model, IEnumerable<ImportedTensor> tensors)
    {
        using var _ = no_grad();
        var state = model.state_dict();
        var problems = new List<string>();
        foreach (var tensor in tensors)
        {
            var values = tensor.ReadValues();
            if (WeightsCheck.NonFiniteProblem(tensor, values) is { } problem)
            {
                problems.Add(problem);
                continue;
            }
            using var scope = NewDisposeScope();
            var target = state[tensor.Name];
            target.copy_(torch.tensor(values, [.. tensor.Shape]).to_type(target.dtype));
        }
        return problems;
    }

    /// <summary>MXNet's bn_data has fix_gamma=True: MXNet uses a scale of 1 whatever the file stores, and so do we.</summary>
    private static void FixInputScale(ResNet model)
    {
        using var _ = no_grad();
        model.state_dict()[InputScale].fill_(1);
    }
}
