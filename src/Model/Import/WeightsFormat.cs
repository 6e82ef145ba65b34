namespace ResNetService.Model.Import;

/// <summary>The weight files a model can be imported from; every format but our checkpoint uses our state-dict names.</summary>
public enum WeightsFormat
{
    /// <summary>Our own checkpoint (<c>model.ckpt</c>).</summary>
    Checkpoint,
    /// <summary>A state dict written by <c>torch.save</c> (zip format, PyTorch 1.6 and later).</summary>
    PyTorch,
    /// <summary>A safetensors file.</summary>
    SafeTensors,
    /// <summary>An MXNet <c>.params</c> file as MXNet's fit.py saves it (<c>arg:</c>/<c>aux:</c> names such as <c>stage1_unit1_conv1_weight</c>).</summary>
    Mxnet,
}

public static class WeightsFormats
{
    /// <summary>The format a file name's extension suggests; null when it suggests none. The content is still checked.</summary>
    public static WeightsFormat? FromFileName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".ckpt" => WeightsFormat.Checkpoint,
        ".pt" or ".pth" or ".bin" => WeightsFormat.PyTorch,
        ".safetensors" => WeightsFormat.SafeTensors,
        ".params" => WeightsFormat.Mxnet,
        _ => null,
    };
}
