using Google.Protobuf;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;
using TorchSharp.PyBridge;

namespace ResNetService.Model.Export;

/// <summary>
/// Writes a network's state dict (names such as <c>stage2.unit1.conv1.weight</c>) in a form PyTorch reads, or the
/// whole network as an ONNX model.
/// </summary>
public static class ModelExport
{
    public static string FileExtension(ExportFormat format) => format switch
    {
        ExportFormat.PyTorch => ".pt",
        ExportFormat.SafeTensors => ".safetensors",
        ExportFormat.Onnx => ".onnx",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static IReadOnlyList<string> FormatNames { get; } = Enum.GetNames<ExportFormat>().Select(n => n.ToLowerInvariant()).ToArray();

    public static void Write(ResNet model, ModelDescription description, ExportFormat format, string path)
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
                case ExportFormat.Onnx:
                    using (var file = File.Create(temporary))
                        OnnxModel.Build(model, description).WriteTo(file);
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
