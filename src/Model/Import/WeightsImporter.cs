using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace ResNetService.Model.Import;

/// <summary>
/// Turns a weights file (our checkpoint, a PyTorch state dict, safetensors or an MXNet .params file) into a network
/// of a given architecture. Every tensor is checked (names, shapes, NaN and infinity) before any is loaded; a file
/// that fails is refused with <see cref="WeightsImportException"/> naming every problem, and nothing is written.
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
        var tensors = Read(path, file, format, readProblems, unmapped);
        var model = new ResNet(config);
        try
        {
            var problems = readProblems.Concat(WeightsCheck.Problems(tensors, unmapped, WeightsCheck.ShapesOf(model))).ToList();
            if (problems.Count > 0)
                throw new WeightsImportException(file, problems);
            Assign(model, tensors);
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

    private static List<ImportedTensor> Read(string path, string file, WeightsFormat format, List<string> problems, List<string> unmapped)
    {
        if (format == WeightsFormat.Checkpoint)
            return FromCheckpoint(path, file);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
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
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    private static List<ImportedTensor> FromCheckpoint(string path, string file)
    {
        LoadedCheckpoint loaded;
        try
        {
            loaded = ModelCheckpoint.Load(path);
        }
        catch (CheckpointException e)
        {
            throw new WeightsImportException(file, e.Message);
        }
        using var model = loaded.Model;
        using var scope = NewDisposeScope();
        return model.state_dict()
            .Select(p => new ImportedTensor(p.Key, p.Key, p.Value.shape, p.Value.to_type(ScalarType.Float32).contiguous().data<float>().ToArray()))
            .ToList();
    }

    private static void Assign(ResNet model, IEnumerable<ImportedTensor> tensors)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var state = model.state_dict();
        foreach (var tensor in tensors)
        {
            var target = state[tensor.Name];
            target.copy_(torch.tensor(tensor.Values, [.. tensor.Shape]).to_type(target.dtype));
        }
    }

    /// <summary>MXNet's bn_data has fix_gamma=True: MXNet uses a scale of 1 whatever the file stores, and so do we.</summary>
    private static void FixInputScale(ResNet model)
    {
        using var _ = no_grad();
        model.state_dict()[InputScale].fill_(1);
    }
}
