using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace ResNetService.Model.Export;

/// <summary>
/// Appends ONNX nodes to a graph, one per layer of the network, taking each layer's tensors from the state dict by
/// the layer's name. Every value a node produces is named after the layer that produced it, and every initializer
/// keeps its state-dict name, so the exported graph reads like the network's own module tree. Each layer is added
/// once, so each tensor becomes one initializer.
/// </summary>
internal sealed class OnnxGraphBuilder(IReadOnlyDictionary<string, Tensor> stateDict, GraphProto graph)
{
    /// <summary>TensorProto.DataType FLOAT in the ONNX specification.</summary>
    public const int Float32 = 1;

    private const double BatchNormEpsilon = Network.Layers.BatchNormEpsilon;

    /// <summary>A bias-free convolution with "same" padding, its kernel size read from the weight.</summary>
    public string Conv(string input, string layer, int stride)
    {
        var weight = Initializer($"{layer}.weight");
        var kernel = weight.Dims[2];
        var pad = kernel / 2;
        return Node("Conv", layer, [input, weight.Name],
            Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", pad, pad, pad, pad));
    }

    /// <summary>Inference-form batch normalisation with the running statistics.</summary>
    public string BatchNorm(string input, string layer) =>
        Node("BatchNormalization", layer,
            [input, Initializer($"{layer}.weight").Name, Initializer($"{layer}.bias").Name,
                Initializer($"{layer}.running_mean").Name, Initializer($"{layer}.running_var").Name],
            new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = (float)BatchNormEpsilon });

    public string Relu(string input, string name) => Node("Relu", name, [input]);

    public string Add(string left, string right, string name) => Node("Add", name, [left, right]);

    public string MaxPool(string input, string name, int kernel, int stride, int pad) =>
        Node("MaxPool", name, [input], Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", pad, pad, pad, pad));

    public string GlobalAveragePool(string input, string name) => Node("GlobalAveragePool", name, [input]);

    public string Flatten(string input, string name) =>
        Node("Flatten", name, [input], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });

    /// <summary>A fully connected layer: input × weightᵀ + bias.</summary>
    public string Linear(string input, string layer) =>
        Node("Gemm", layer, [input, Initializer($"{layer}.weight").Name, Initializer($"{layer}.bias").Name],
            new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });

    public string Softmax(string input, string name) =>
        Node("Softmax", name, [input], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });

    private string Node(string opType, string name, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name, Output = { name } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return name;
    }

    private TensorProto Initializer(string name)
    {
        if (!stateDict.TryGetValue(name, out var tensor))
            throw new InvalidOperationException($"The network has no tensor '{name}'.");
        using var host = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var values = host.data<float>().ToArray();
        // raw_data is little-endian by the specification, as is every platform libtorch runs on.
        var proto = new TensorProto { Name = name, DataType = Float32, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        proto.Dims.AddRange(host.shape);
        graph.Initializer.Add(proto);
        return proto;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
