using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ResNetService.Model.Checkpoints;

public enum ExportFormat
{
    /// <summary>A pickled state dict that <c>torch.load</c> reads.</summary>
    PyTorch,
    /// <summary>A safetensors file of the state dict.</summary>
    SafeTensors,
}

/// <summary>Writes a network's state dict (names such as <c>stage2.unit1.conv1.weight</c>) in a form PyTorch reads.</summary>
public static class ModelExport
{
    public static string FileExtension(ExportFormat format) => format switch
    {
        ExportFormat.PyTorch => ".pt",
        ExportFormat.SafeTensors => ".safetensors",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static void Write(nn.Module model, ExportFormat format, string path)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            switch (format)
            {
                case ExportFormat.PyTorch:
                    model.save_py(temporary);
                    break;
                case ExportFormat.SafeTensors:
                    model.save_safetensors(temporary);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format));
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
