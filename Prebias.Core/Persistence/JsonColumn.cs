using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Prebias.Core.Persistence;

/// <summary>
/// Maps a typed property to a jsonb column written with <see cref="JsonDefaults.Options"/> (camelCase, enums as
/// strings), so entities hold records and no call site parses the column. Values compare by their JSON: records
/// holding lists would otherwise compare by reference and look changed on every save.
/// </summary>
public static class JsonColumn
{
    public static PropertyBuilder<T> HasJsonColumn<T>(this PropertyBuilder<T> property) where T : class
    {
        property.HasConversion(
            value => JsonSerializer.Serialize(value, JsonDefaults.Options),
            json => Deserialize<T>(json),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, JsonDefaults.Options) == JsonSerializer.Serialize(b, JsonDefaults.Options),
                value => JsonSerializer.Serialize(value, JsonDefaults.Options).GetHashCode(),
                value => Deserialize<T>(JsonSerializer.Serialize(value, JsonDefaults.Options))));
        return property.HasColumnType("jsonb");
    }

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonDefaults.Options)
        ?? throw new InvalidDataException($"A {typeof(T).Name} column holds null.");
}
