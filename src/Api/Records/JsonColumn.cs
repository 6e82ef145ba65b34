using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ResNetService.Api.Storage;

namespace ResNetService.Api.Records;

/// <summary>
/// A value (a request, a manifest, a report) kept as one JSON text column: it is always read and written whole, never
/// queried into, and the same text works on SQLite and PostgreSQL.
/// </summary>
public static class JsonColumn
{
    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property) =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, StorageJson.Compact),
            text => JsonSerializer.Deserialize<T>(text, StorageJson.Compact)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, StorageJson.Compact) == JsonSerializer.Serialize(b, StorageJson.Compact),
                value => JsonSerializer.Serialize(value, StorageJson.Compact).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, StorageJson.Compact), StorageJson.Compact)!));
}
