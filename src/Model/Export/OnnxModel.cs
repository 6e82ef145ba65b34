using Onnx;
using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Network;

namespace ResNetService.Model.Export;

/// <summary>
/// A trained network as a self-contained ONNX model: the network's exact graph with its weights inside, input
/// <c>images</c> (float32, N×C×H×W, N dynamic, normalised as <see cref="OnnxPreprocessing"/> describes in the
/// metadata) and output <c>probabilities</c> (softmax over the classes, N×classes, as /classify reports them).
/// </summary>
/// <remarks>
/// Batch normalisation stays as BatchNormalization nodes in inference form (running statistics, epsilon 2e-5) rather
/// than folded into convolutions: in a pre-activation network most BNs sit before a ReLU on a tensor the shortcut
/// also reads, and bn_data cannot fold into the stem exactly because the convolution pads the normalised input with
/// zeros. ONNX Runtime fuses the BNs that do follow a convolution itself when it loads the model, and unfolded
/// nodes keep every initializer under its state-dict name.
/// </remarks>
public static class OnnxModel
{
    public const string InputName = "images";
    public const string OutputName = "probabilities";

    /// <summary>Opset 17 (ONNX 1.12): BatchNormalization-15, Softmax-13 and Gemm-13 as used here.</summary>
    public const long Opset = 17;

    /// <summary>The IR version that goes with opset 17.</summary>
    public const long IrVersion = 8;

    public static ModelProto Build(ResNet model, ModelDescription description)
    {
        var config = model.Config;
        var graph = new GraphProto { Name = "resnet" };
        var nodes = new OnnxGraphBuilder(model.state_dict(), graph);

        var x = nodes.BatchNorm(InputName, "bn_data");
        x = Stem(nodes, x, config);
        foreach (var plan in config.UnitPlans())
            x = Unit(nodes, x, plan);
        x = nodes.Relu(nodes.BatchNorm(x, "bn1"), "relu1");
        x = nodes.Flatten(nodes.GlobalAveragePool(x, "pool1"), "flatten1");
        var logits = nodes.Linear(x, "fc1");
        nodes.Softmax(logits, OutputName);

        graph.Input.Add(Value(InputName, config.InputChannels, config.InputHeight, config.InputWidth));
        graph.Output.Add(Value(OutputName, config.Classes));

        var onnx = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "ResNetService",
            Graph = graph,
            DocString = $"{config}. Input '{InputName}': float32 N×{config.InputChannels}×{config.InputHeight}×{config.InputWidth}, "
                + $"prepared as the metadata says; output '{OutputName}': softmax over the {config.Classes} classes named in 'classes'.",
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = Opset } },
        };
        foreach (var (key, value) in OnnxPreprocessing.Properties(description))
            onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return onnx;
    }

    private static string Stem(OnnxGraphBuilder nodes, string input, ResNetConfig config)
    {
        if (config.SmallImageStem)
            return nodes.Conv(input, "conv0", stride: 1);
        var x = nodes.Conv(input, "conv0", stride: 2);
        x = nodes.Relu(nodes.BatchNorm(x, "bn0"), "relu0");
        return nodes.MaxPool(x, "pool0", kernel: 3, stride: 2, pad: 1);
    }

    private static string Unit(OnnxGraphBuilder nodes, string input, UnitPlan plan)
    {
        var name = plan.Name;
        var act1 = nodes.Relu(nodes.BatchNorm(input, $"{name}.bn1"), $"{name}.relu1");
        string branch;
        if (plan.Bottleneck)
        {
            branch = nodes.Conv(act1, $"{name}.conv1", stride: 1);
            branch = nodes.Relu(nodes.BatchNorm(branch, $"{name}.bn2"), $"{name}.relu2");
            branch = nodes.Conv(branch, $"{name}.conv2", plan.Stride);
            branch = nodes.Relu(nodes.BatchNorm(branch, $"{name}.bn3"), $"{name}.relu3");
            branch = nodes.Conv(branch, $"{name}.conv3", stride: 1);
        }
        else
        {
            branch = nodes.Conv(act1, $"{name}.conv1", plan.Stride);
            branch = nodes.Relu(nodes.BatchNorm(branch, $"{name}.bn2"), $"{name}.relu2");
            branch = nodes.Conv(branch, $"{name}.conv2", stride: 1);
        }
        // The projection reads the first activation, not the raw input: MXNet's pre-activation shortcut.
        var shortcut = plan.DimMatch ? input : nodes.Conv(act1, $"{name}.sc", plan.Stride);
        return nodes.Add(branch, shortcut, $"{name}.plus");
    }

    /// <summary>A float32 tensor value whose first dimension is the batch, left symbolic so any batch size runs.</summary>
    private static ValueInfoProto Value(string name, params int[] sampleShape)
    {
        var shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = "N" } } };
        foreach (var size in sampleShape)
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxGraphBuilder.Float32, Shape = shape } },
        };
    }
}
