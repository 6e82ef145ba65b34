namespace ResNetService.Model.Export;

public enum ExportFormat
{
    /// <summary>A pickled state dict that <c>torch.load</c> reads.</summary>
    PyTorch,
    /// <summary>A safetensors file of the state dict.</summary>
    SafeTensors,
    /// <summary>A self-contained ONNX model (graph, weights and preprocessing metadata) that ONNX Runtime runs.</summary>
    Onnx,
}
