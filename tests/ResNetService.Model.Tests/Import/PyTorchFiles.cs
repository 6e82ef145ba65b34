using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ResNetService.Model.Tests.Import;

/// <summary>
/// Writes torch.save zip archives byte by byte (a pickle of protocol 2 and one storage per tensor), so a test can make
/// a file that declares what no honest file would.
/// </summary>
public static class PyTorchFiles
{
    /// <summary>A state dict of one float32 tensor of <paramref name="shape"/> whose storage holds <paramref name="storageBytes"/> zero bytes, deflated.</summary>
    public static void WriteOneTensor(string path, string name, int[] shape, long storageBytes)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        using (var pickle = zip.CreateEntry("archive/data.pkl").Open())
            pickle.Write(StateDictPickle(name, shape));
        using (var version = zip.CreateEntry("archive/version").Open())
            version.Write("3\n"u8);
        using var storage = zip.CreateEntry("archive/data/0", CompressionLevel.Fastest).Open();
        var zeros = new byte[1 << 20];
        for (var left = storageBytes; left > 0; left -= zeros.Length)
            storage.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
    }

    /// <summary>OrderedDict([(name, torch._utils._rebuild_tensor_v2(storage '0', 0, shape, row-major stride, False, OrderedDict()))]).</summary>
    private static byte[] StateDictPickle(string name, int[] shape)
    {
        var pickle = new List<byte> { 0x80, 2 };
        Global(pickle, "collections", "OrderedDict");
        pickle.AddRange([(byte)')', (byte)'R', (byte)'(']);
        Text(pickle, name);
        Global(pickle, "torch._utils", "_rebuild_tensor_v2");
        pickle.Add((byte)'(');
        pickle.Add((byte)'(');
        Text(pickle, "storage");
        Global(pickle, "torch", "FloatStorage");
        Text(pickle, "0");
        Text(pickle, "cpu");
        Int(pickle, 0);
        pickle.AddRange([(byte)'t', (byte)'Q']);
        Int(pickle, 0);
        Ints(pickle, shape);
        Ints(pickle, shape.Select((_, d) => shape.Skip(d + 1).Aggregate(1, (a, b) => a * b)).ToArray());
        pickle.Add(0x89);
        Global(pickle, "collections", "OrderedDict");
        pickle.AddRange([(byte)')', (byte)'R', (byte)'t', (byte)'R', (byte)'u', (byte)'.']);
        return [.. pickle];
    }

    private static void Global(List<byte> pickle, string module, string name) =>
        pickle.AddRange(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    private static void Text(List<byte> pickle, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        pickle.Add((byte)'X');
        pickle.AddRange(LittleEndian(bytes.Length));
        pickle.AddRange(bytes);
    }

    private static void Int(List<byte> pickle, int value)
    {
        pickle.Add((byte)'J');
        pickle.AddRange(LittleEndian(value));
    }

    private static void Ints(List<byte> pickle, int[] values)
    {
        pickle.Add((byte)'(');
        foreach (var value in values)
            Int(pickle, value);
        pickle.Add((byte)'t');
    }

    private static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }
}
