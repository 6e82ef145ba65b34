using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ResNetService.Model.Import;

public enum ElementKind
{
    Float32,
    Float64,
    Float16,
    BFloat16,
    Int64,
    Int32,
}

/// <summary>The element types a weight tensor may be stored in (little-endian); every one is read into 32-bit floats.</summary>
internal static class ElementType
{
    public static int Size(ElementKind kind) => kind switch
    {
        ElementKind.Float32 or ElementKind.Int32 => 4,
        ElementKind.Float64 or ElementKind.Int64 => 8,
        ElementKind.Float16 or ElementKind.BFloat16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Elements × size, or null when the product overflows (no real file declares that much).</summary>
    public static long? ByteCount(ElementKind kind, IEnumerable<long> shape) => ByteCount(Size(kind), shape);

    public static long? ByteCount(int elementSize, IEnumerable<long> shape)
    {
        try
        {
            return checked(shape.Aggregate(1L, (a, b) => a * b) * elementSize);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static float[] Decode(ElementKind kind, ReadOnlySpan<byte> bytes)
    {
        var values = new float[bytes.Length / Size(kind)];
        switch (kind)
        {
            case ElementKind.Float32:
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
                if (!BitConverter.IsLittleEndian)
                    for (var i = 0; i < values.Length; i++)
                        values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                break;
            case ElementKind.Float64:
                for (var i = 0; i < values.Length; i++)
                    values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
                break;
            case ElementKind.Float16:
                for (var i = 0; i < values.Length; i++)
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]);
                break;
            case ElementKind.BFloat16:
                for (var i = 0; i < values.Length; i++)
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]) << 16);
                break;
            case ElementKind.Int64:
                for (var i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]);
                break;
            case ElementKind.Int32:
                for (var i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
        return values;
    }
}
