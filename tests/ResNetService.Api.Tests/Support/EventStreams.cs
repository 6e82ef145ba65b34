using System.Text.Json;

namespace ResNetService.Api.Tests.Support;

public static class EventStreams
{
    /// <summary>Every event of a Server-Sent Events stream, until the server ends it.</summary>
    public static async Task<List<(string Name, JsonElement Data)>> ReadAllAsync(Stream stream)
    {
        var events = new List<(string, JsonElement)>();
        using var reader = new StreamReader(stream);
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                events.Add((name ?? "message", JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
        }
        return events;
    }
}
