using System.Text;
using System.Text.Json;
using ResNetService.Model.Network;

namespace ResNetService.Model.Tests.Import;

/// <summary>Writes weight files from the published format facts, so tests can make exact, damaged or odd files.</summary>
internal static class WeightFileWriters
{
    public const uint MxnetV1 = 0xF993FAC8;
    public const uint MxnetV2 = 0xF993FAC9;

    public sealed record NamedValues(string Name, long[] Shape, float[] Values);

    /// <summary>mx.nd.save's NDArray list: magic 0x112, reserved, arrays (dense float32 on cpu), names.</summary>
    public static void WriteMxnet(string path, IReadOnlyList<NamedValues> tensors, uint arrayMagic = MxnetV2)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(0x112UL);
        writer.Write(0UL);
        writer.Write((ulong)tensors.Count);
        foreach (var tensor in tensors)
        {
            writer.Write(arrayMagic);
            if (arrayMagic == MxnetV2)
                writer.Write(0); // dense storage
            writer.Write(tensor.Shape.Length);
            foreach (var dim in tensor.Shape)
                writer.Write(dim);
            writer.Write(1); // cpu
            writer.Write(0); // device id
            writer.Write(0); // float32
            foreach (var value in tensor.Values)
                writer.Write(value);
        }
        writer.Write((ulong)tensors.Count);
        foreach (var tensor in tensors)
        {
            var name = Encoding.UTF8.GetBytes(tensor.Name);
            writer.Write((ulong)name.Length);
            writer.Write(name);
        }
    }

    /// <summary>safetensors: header length, JSON header of F32 tensors, the data.</summary>
    public static void WriteSafeTensors(string path, IReadOnlyList<NamedValues> tensors)
    {
        var header = new Dictionary<string, object>();
        long offset = 0;
        foreach (var tensor in tensors)
        {
            header[tensor.Name] = new { dtype = "F32", shape = tensor.Shape, data_offsets = new[] { offset, offset + tensor.Values.Length * 4L } };
            offset += tensor.Values.Length * 4L;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write((ulong)json.Length);
        writer.Write(json);
        foreach (var value in tensors.SelectMany(t => t.Values))
            writer.Write(value);
    }

    /// <summary>The network's state dict, without BN step counters, with every value distinct from every other.</summary>
    public static List<NamedValues> NumberedStateDict(ResNet model)
    {
        var next = 0;
        return model.state_dict()
            .Where(p => !p.Key.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
            .Select(p => new NamedValues(p.Key, p.Value.shape, Enumerable.Range(0, (int)p.Value.numel()).Select(_ => 0.001f * next++).ToArray()))
            .ToList();
    }

    /// <summary>Our state-dict name as MXNet's fit.py saves it: stage1.unit1.bn1.running_mean → aux:stage1_unit1_bn1_moving_mean.</summary>
    public static string MxnetName(string ours)
    {
        var dot = ours.LastIndexOf('.');
        var layer = ours[..dot].Replace('.', '_');
        var bn = layer.Contains("bn", StringComparison.Ordinal);
        return ours[(dot + 1)..] switch
        {
            "running_mean" => $"aux:{layer}_moving_mean",
            "running_var" => $"aux:{layer}_moving_var",
            "weight" => bn ? $"arg:{layer}_gamma" : $"arg:{layer}_weight",
            "bias" => bn ? $"arg:{layer}_beta" : $"arg:{layer}_bias",
            var other => throw new ArgumentException(other),
        };
    }
}
