using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ResNetService.Model.Import;

/// <summary>Reads a state dict written by <c>torch.save(model.state_dict(), path)</c> through TorchSharp.PyBridge's unpickler.</summary>
internal static class PyTorchStateDictReader
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    public static IReadOnlyList<ImportedTensor> Read(Stream stream, string file, List<string> problems)
    {
        var signature = new byte[ZipSignature.Length];
        if (stream.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false) < signature.Length || !signature.SequenceEqual(ZipSignature))
            throw new WeightsImportException(file, "it is not a PyTorch file (torch.save writes a zip archive since PyTorch 1.6; older files are not read).");
        stream.Position = 0;

        using var scope = NewDisposeScope();
        Hashtable stateDict;
        try
        {
            stateDict = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true, skipTensorRead: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsImportException(file, $"it cannot be read as a torch.save state dict (truncated or corrupt): {e.Message}");
        }

        var tensors = new List<ImportedTensor>();
        foreach (DictionaryEntry entry in stateDict)
        {
            var name = entry.Key as string ?? entry.Key?.ToString() ?? "";
            if (entry.Value is not Tensor tensor)
            {
                problems.Add($"'{name}' is not a tensor; the file must hold a state dict (torch.save(model.state_dict(), path)).");
                continue;
            }
            if (!tensor.is_floating_point() && tensor.dtype is not (ScalarType.Int64 or ScalarType.Int32))
            {
                problems.Add($"'{name}' holds {tensor.dtype} values; weights are floating point.");
                continue;
            }
            using var values = tensor.to_type(ScalarType.Float32).contiguous();
            tensors.Add(new ImportedTensor(name, name, tensor.shape, values.data<float>().ToArray()));
        }
        return tensors;
    }
}
