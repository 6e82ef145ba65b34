using System.Text.Json;

namespace ResNetService.Model.Import;

/// <summary>
/// Reads a safetensors file: an 8-byte little-endian header length, a JSON header mapping each tensor name to its
/// dtype, shape and byte range in the data that follows, then the data. Every range is checked against its shape
/// and the file before any tensor is read; a tensor's data is read only when its values are asked for.
/// </summary>
internal static class SafeTensorsReader
{
    private const long MaxHeaderBytes = 100L << 20;
    private const string MetadataKey = "__metadata__";

    public static IReadOnlyList<ImportedTensor> Read(Stream stream, string file, List<string> problems)
    {
        var cursor = new FileCursor(stream, file);
        var headerLength = cursor.UInt64("the header length");
        if (headerLength == 0 || headerLength > MaxHeaderBytes || (long)headerLength > cursor.Remaining)
            throw new WeightsImportException(file, $"it is not a safetensors file (its header length {headerLength} does not fit the {stream.Length}-byte file).");
        var dataStart = 8 + (long)headerLength;
        var dataLength = stream.Length - dataStart;
        var entries = Header(cursor.Bytes((long)headerLength, "the header"), file);

        var declared = new List<(string Name, ElementKind Kind, long[] Shape, long Begin, long End)>();
        foreach (var (name, entry) in entries)
        {
            if (Describe(name, entry, dataLength, problems) is { } tensor)
                declared.Add(tensor);
        }
        var sorted = declared.OrderBy(t => t.Begin).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Begin < sorted[i - 1].End)
                problems.Add($"'{sorted[i].Name}' overlaps '{sorted[i - 1].Name}' in the data.");
        }
        if (problems.Count > 0)
            return [];

        return declared.Select(t => new ImportedTensor(t.Name, t.Name, t.Shape, () =>
        {
            cursor.Seek(dataStart + t.Begin);
            return ElementType.Decode(t.Kind, cursor.Bytes(t.End - t.Begin, $"'{t.Name}'"));
        })).ToList();
    }

    private static List<(string Name, JsonElement Entry)> Header(byte[] header, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(header);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new WeightsImportException(file, "it is not a safetensors file (its header is not a JSON object).");
            return document.RootElement.EnumerateObject()
                .Where(p => p.Name != MetadataKey)
                .Select(p => (p.Name, p.Value.Clone()))
                .ToList();
        }
        catch (JsonException e)
        {
            throw new WeightsImportException(file, $"it is not a safetensors file (its header is not valid JSON: {e.Message}).");
        }
    }

    private static (string, ElementKind, long[], long, long)? Describe(string name, JsonElement entry, long dataLength, List<string> problems)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("shape", out var shapeJson) || shapeJson.ValueKind != JsonValueKind.Array
            || !entry.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || !shapeJson.EnumerateArray().All(d => d.TryGetInt64(out var v) && v >= 0)
            || !offsets.EnumerateArray().All(d => d.TryGetInt64(out var v) && v >= 0))
        {
            problems.Add($"'{name}' has no valid dtype, shape and data_offsets in the header.");
            return null;
        }
        ElementKind? kind = dtype.GetString() switch
        {
            "F32" => ElementKind.Float32,
            "F64" => ElementKind.Float64,
            "F16" => ElementKind.Float16,
            "BF16" => ElementKind.BFloat16,
            "I64" => ElementKind.Int64,
            "I32" => ElementKind.Int32,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add($"'{name}' holds {dtype.GetString()} values; F32, F64, F16, BF16, I64 or I32 are read.");
            return null;
        }
        var shape = shapeJson.EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var begin = offsets[0].GetInt64();
        var end = offsets[1].GetInt64();
        var expected = ElementType.ByteCount(kind.Value, shape);
        if (end < begin || end > dataLength)
        {
            problems.Add($"'{name}' lies at bytes {begin}..{end} of a {dataLength}-byte data section (truncated or corrupt).");
            return null;
        }
        if (expected != end - begin)
        {
            problems.Add($"'{name}' spans {end - begin} bytes, but shape {ImportedTensor.Format(shape)} of {dtype.GetString()} needs {expected?.ToString() ?? "more than a file can hold"}.");
            return null;
        }
        return (name, kind.Value, shape, begin, end);
    }
}
