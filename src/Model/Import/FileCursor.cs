using System.Buffers.Binary;

namespace ResNetService.Model.Import;

/// <summary>
/// Little-endian reads from a weights file that never pass its end: every length is checked against what is left
/// before anything is allocated, so a file cannot make the reader load more than it declares.
/// </summary>
internal sealed class FileCursor(Stream stream, string file)
{
    public long Position => stream.Position;

    public long Remaining => stream.Length - stream.Position;

    public string File => file;

    public uint UInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4, what));

    public int Int32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4, what));

    public ulong UInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8, what));

    public long Int64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8, what));

    public byte[] Bytes(long count, string what)
    {
        if (count < 0 || count > Remaining)
            throw new WeightsImportException(file, $"the file is truncated: {what} needs {count} bytes at offset {Position}, only {Remaining} remain.");
        var bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public void Seek(long offset) => stream.Position = offset;

    /// <summary>Passes over <paramref name="count"/> bytes, read later if at all.</summary>
    public void Skip(long count, string what)
    {
        if (count < 0 || count > Remaining)
            throw new WeightsImportException(file, $"the file is truncated: {what} needs {count} bytes at offset {Position}, only {Remaining} remain.");
        stream.Position += count;
    }
}
