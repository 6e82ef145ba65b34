using System.Text;

namespace ResNetService.Model.Import;

/// <summary>
/// Reads MXNet's NDArray-list file (<c>mx.nd.save</c>, and so the <c>.params</c> of <c>save_checkpoint</c>):
/// a uint64 magic 0x112 and a reserved uint64; a uint64 count and that many arrays; a uint64 count and that many
/// names (uint64 length, UTF-8 bytes). An array is a uint32 magic (0xF993FAC9 for version 2, 0xF993FACA for
/// version 3: then an int32 storage type, 0 for dense), its shape (uint32 ndim, int64 dims; version 1 is magic
/// 0xF993FAC8 with no storage type; before that the magic is the ndim and dims are uint32), the context (two
/// int32), an int32 type flag (0 float32, 1 float64, 2 float16, 3 uint8, 4 int32, 5 int8, 6 int64) and the data.
/// All little-endian. The data is passed over and read only when its values are asked for, names being at the end.
/// </summary>
internal static class MxnetParamsReader
{
    private const ulong ListMagic = 0x112;
    private const uint V1Magic = 0xF993FAC8;
    private const uint V2Magic = 0xF993FAC9;
    private const uint V3Magic = 0xF993FACA;
    private const int MaxDimensions = 8;
    private const long MaxNameBytes = 4096;

    /// <summary>Smallest array header (the oldest layout): a one-dimensional shape as ndim and one uint32, a context and a type flag.</summary>
    private const int MinArrayBytes = 4 + 4 + 8 + 4;

    private static readonly string[] TypeNames = ["float32", "float64", "float16", "uint8", "int32", "int8", "int64"];
    private static readonly int[] TypeSizes = [4, 8, 2, 1, 4, 1, 8];

    public static IReadOnlyList<(string Name, long[] Shape, Func<float[]>? Values)> Read(Stream stream, string file, List<string> problems)
    {
        var cursor = new FileCursor(stream, file);
        if (stream.Length < 16 || cursor.UInt64("the magic") != ListMagic)
            throw new WeightsImportException(file, "it is not an MXNet .params file (it does not start with MXNet's NDArray-list magic 0x112).");
        cursor.UInt64("the reserved field");
        var count = cursor.UInt64("the array count");
        if (count > (ulong)(cursor.Remaining / MinArrayBytes))
            throw new WeightsImportException(file, $"it declares {count} arrays, more than its {stream.Length} bytes can hold (truncated or corrupt).");

        var arrays = new List<(long[] Shape, Func<float[]>? Values)>();
        for (var i = 0L; i < (long)count; i++)
            arrays.Add(ReadArray(cursor, i, problems));

        var names = cursor.UInt64("the name count");
        if (names != count)
            throw new WeightsImportException(file, names == 0
                ? "its arrays have no names (saved from a list, not a dict); names such as 'arg:stage1_unit1_conv1_weight' are needed."
                : $"it holds {count} arrays but {names} names.");
        var result = new List<(string, long[], Func<float[]>?)>();
        for (var i = 0; i < arrays.Count; i++)
        {
            var length = cursor.UInt64($"the length of name #{i + 1}");
            if (length > MaxNameBytes)
                throw new WeightsImportException(file, $"name #{i + 1} declares {length} bytes (corrupt).");
            var name = Encoding.UTF8.GetString(cursor.Bytes((long)length, $"name #{i + 1}"));
            result.Add((name, arrays[i].Shape, arrays[i].Values));
        }
        if (cursor.Remaining > 0)
            throw new WeightsImportException(file, $"{cursor.Remaining} bytes follow its last name (not an MXNet .params file, or corrupt).");
        return result;
    }

    /// <returns>The reader of the values, or null (with a problem recorded) when they are not floating point.</returns>
    private static (long[] Shape, Func<float[]>? Values) ReadArray(FileCursor cursor, long index, List<string> problems)
    {
        var what = $"array #{index + 1}";
        var magic = cursor.UInt32($"the header of {what}");
        long[] shape;
        switch (magic)
        {
            case V2Magic or V3Magic:
                var storage = cursor.Int32($"the storage type of {what}");
                if (storage != 0)
                    throw new WeightsImportException(cursor.File, $"{what} uses sparse storage (type {storage}); weights are dense.");
                shape = Shape(cursor, cursor.Int32($"the dimensions of {what}"), wide: true, what);
                break;
            case V1Magic:
                shape = Shape(cursor, cursor.Int32($"the dimensions of {what}"), wide: true, what);
                break;
            case <= MaxDimensions:
                shape = Shape(cursor, (int)magic, wide: false, what);
                break;
            default:
                throw new WeightsImportException(cursor.File, $"{what} starts with 0x{magic:X8}, which is no NDArray header (corrupt or not MXNet).");
        }
        if (shape.Length == 0)
            throw new WeightsImportException(cursor.File, $"{what} is empty (no shape).");
        cursor.Int32($"the device of {what}");
        cursor.Int32($"the device id of {what}");
        var type = cursor.Int32($"the type of {what}");
        if (type < 0 || type >= TypeSizes.Length)
            throw new WeightsImportException(cursor.File, $"{what} has type flag {type}, which this reader does not know.");
        var byteCount = ElementType.ByteCount(TypeSizes[type], shape);
        if (byteCount is not { } length || length > cursor.Remaining)
            throw new WeightsImportException(cursor.File, $"the file is truncated: {what} of shape {ImportedTensor.Format(shape)} of {TypeNames[type]} needs {byteCount?.ToString() ?? "more"} bytes, only {cursor.Remaining} remain.");
        var start = cursor.Position;
        cursor.Skip(length, what);
        ElementKind? kind = type switch
        {
            0 => ElementKind.Float32,
            1 => ElementKind.Float64,
            2 => ElementKind.Float16,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add($"{what} holds {TypeNames[type]} values; weights are floating point.");
            return (shape, null);
        }
        return (shape, () =>
        {
            cursor.Seek(start);
            return ElementType.Decode(kind.Value, cursor.Bytes(length, what));
        });
    }

    private static long[] Shape(FileCursor cursor, int dimensions, bool wide, string what)
    {
        if (dimensions < 0 || dimensions > MaxDimensions)
            throw new WeightsImportException(cursor.File, $"{what} declares {dimensions} dimensions (corrupt).");
        var shape = new long[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            shape[d] = wide ? cursor.Int64($"the shape of {what}") : cursor.UInt32($"the shape of {what}");
            if (shape[d] < 0)
                throw new WeightsImportException(cursor.File, $"{what} has a negative dimension {shape[d]} (corrupt).");
        }
        return shape;
    }
}
