using System.Reflection;
using static TorchSharp.torch;

namespace ResNetService.Model.Import;

/// <summary>
/// What a torch.save file says of one tensor: its element type, shape, stride, offset into its storage, and a stream
/// over that storage. TorchSharp.PyBridge, asked not to read tensors, returns exactly this but as a type of its own it
/// does not publish; its properties are read by name here, so that nothing is allocated for a tensor before its name
/// and shape have been checked against the architecture.
/// </summary>
internal sealed record PyTorchTensorDeclaration(ScalarType DType, long[] Shape, long[] Stride, long StorageOffset, Stream Data)
{
    private const string DeclarationType = "TensorConstructorArgs";

    /// <returns>The declaration, or null when <paramref name="value"/> is no tensor.</returns>
    public static PyTorchTensorDeclaration? Of(object? value)
    {
        if (value?.GetType() is not { Name: DeclarationType } type)
            return null;
        return new PyTorchTensorDeclaration(
            Property<ScalarType>(value, type, "DType"), Property<long[]>(value, type, "Shape"), Property<long[]>(value, type, "Stride"),
            Property<int>(value, type, "StorageOffset"), Property<Stream>(value, type, "Data"));
    }

    /// <summary>Row-major without gaps, as torch.save writes every parameter and buffer of a module.</summary>
    public bool IsContiguous
    {
        get
        {
            var expected = 1L;
            for (var d = Shape.Length - 1; d >= 0; d--)
            {
                if (Shape[d] != 1 && Stride[d] != expected)
                    return false;
                expected *= Shape[d];
            }
            return true;
        }
    }

    /// <summary>Reads the tensor's values from its storage: exactly the bytes its (already checked) shape needs.</summary>
    public float[] Read(ElementKind kind, string file, string name)
    {
        var size = ElementType.Size(kind);
        var length = ElementType.ByteCount(kind, Shape) ?? throw new WeightsImportException(file, $"'{name}' declares more data than a file can hold.");
        try
        {
            using (Data)
            {
                var skipped = new byte[Math.Min(StorageOffset * size, 1 << 16)];
                for (var left = StorageOffset * size; left > 0; left -= skipped.Length)
                    Data.ReadExactly(skipped, 0, (int)Math.Min(left, skipped.Length));
                var bytes = new byte[length];
                Data.ReadExactly(bytes);
                return ElementType.Decode(kind, bytes);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new WeightsImportException(file, $"the file is truncated: the storage of '{name}' holds fewer than the {length} bytes its shape {ImportedTensor.Format(Shape)} needs.");
        }
    }

    private static T Property<T>(object value, Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(value) is T typed
            ? typed
            : throw new InvalidOperationException($"TorchSharp.PyBridge's {DeclarationType} has no {typeof(T).Name} {name}; this reader needs updating for its version.");
}
