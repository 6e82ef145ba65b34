namespace ResNetService.Api.Models;

/// <summary>The multipart form of <c>POST /models/import</c>.</summary>
public sealed class ImportModelForm
{
    /// <summary>The weights: a checkpoint (.ckpt), a PyTorch state dict (.pt, .pth), safetensors or an MXNet .params file.</summary>
    public IFormFile? File { get; set; }

    /// <summary>JSON, e.g. {"depth": 20, "inputChannels": 3, "inputSize": 32}; or units, filters, bottleneck, inputHeight, inputWidth. Optional for a checkpoint.</summary>
    public string? Architecture { get; set; }

    /// <summary>Names in the order of the classifier's outputs: a,b,c, or a JSON array. Optional for a checkpoint.</summary>
    public string? Classes { get; set; }

    /// <summary>Per channel, of pixels scaled to [0, 1], e.g. 0.485,0.456,0.406; default 0 (a checkpoint: its own).</summary>
    public string? Mean { get; set; }

    /// <summary>Per channel, e.g. 0.229,0.224,0.225; default 1 (a checkpoint: its own).</summary>
    public string? Std { get; set; }

    /// <summary>squash (the whole image resized) or centerCrop (shorter side to input / 0.875, centre crop); default: a checkpoint's own, else centerCrop for large inputs and squash for small.</summary>
    public string? EvalTransform { get; set; }

    /// <summary>checkpoint, pytorch, safetensors or mxnet; default: from the file name's extension.</summary>
    public string? Format { get; set; }

    /// <summary>Default: the file name without its extension.</summary>
    public string? Name { get; set; }
}
