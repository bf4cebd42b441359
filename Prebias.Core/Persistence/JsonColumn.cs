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
            value => Serialize(value),
            json => Deserialize<T>(json),
            new ValueComparer<T>(
                (a, b) => Serialize(a) == Serialize(b),
                value => Serialize(value).GetHashCode(),
                value => Deserialize<T>(Serialize(value))));
        return property.HasColumnType("jsonb");
    }

    private static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, JsonDefaults.Options);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonDefaults.Options)
        ?? throw new InvalidDataException($"A {typeof(T).Name} column holds null.");
}
