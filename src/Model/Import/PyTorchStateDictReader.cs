using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ResNetService.Model.Import;

/// <summary>
/// Reads a state dict written by <c>torch.save(model.state_dict(), path)</c> through TorchSharp.PyBridge's unpickler,
/// which is asked for each tensor's declaration only: a tensor's storage is read when its values are asked for.
/// </summary>
internal static class PyTorchStateDictReader
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    public static IReadOnlyList<ImportedTensor> Read(Stream stream, string file, List<string> problems)
    {
        var signature = new byte[ZipSignature.Length];
        if (stream.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false) < signature.Length || !signature.SequenceEqual(ZipSignature))
            throw new WeightsImportException(file, "it is not a PyTorch file (torch.save writes a zip archive since PyTorch 1.6; older files are not read).");
        stream.Position = 0;

        Hashtable stateDict;
        try
        {
            stateDict = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true, skipTensorRead: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsImportException(file, $"it cannot be read as a torch.save state dict (truncated or corrupt): {e.Message}");
        }

        var tensors = new List<ImportedTensor>();
        foreach (DictionaryEntry entry in stateDict)
        {
            var name = entry.Key as string ?? entry.Key?.ToString() ?? "";
            if (PyTorchTensorDeclaration.Of(entry.Value) is not { } tensor)
            {
                problems.Add($"'{name}' is not a tensor; the file must hold a state dict (torch.save(model.state_dict(), path)).");
                continue;
            }
            if (KindOf(tensor.DType) is not { } kind)
            {
                problems.Add($"'{name}' holds {tensor.DType} values; weights are floating point.");
                continue;
            }
            if (!tensor.IsContiguous)
            {
                problems.Add($"'{name}' is not stored contiguously; save the state dict of the model itself.");
                continue;
            }
            tensors.Add(new ImportedTensor(name, name, tensor.Shape, () => tensor.Read(kind, file, name)));
        }
        return tensors;
    }

    private static ElementKind? KindOf(ScalarType type) => type switch
    {
        ScalarType.Float32 => ElementKind.Float32,
        ScalarType.Float64 => ElementKind.Float64,
        ScalarType.Float16 => ElementKind.Float16,
        ScalarType.BFloat16 => ElementKind.BFloat16,
        ScalarType.Int64 => ElementKind.Int64,
        ScalarType.Int32 => ElementKind.Int32,
        _ => null,
    };
}
