using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Prebias.Api.Tables;

/// <summary>
/// Records as a <see cref="Table"/>: the columns are the public properties in declaration order under the names the
/// JSON uses (camelCase, or a [JsonPropertyName]; [JsonIgnore] leaves one out), so a field is called the same in the
/// JSON, the CSV and the Parquet file and a new field cannot reach one without the others.
/// </summary>
public static class RecordTable
{
    public static Table Of<T>(IReadOnlyList<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null
                && IsCell(p.PropertyType))
            .ToArray();
        var columns = properties.Select(p => new TableColumn(
            p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
            Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)).ToList();
        return new Table(columns, [.. rows.Select(r => properties.Select(p => p.GetValue(r)).ToArray())]);
    }

    /// <summary>The rows as JSON (the records themselves), or as a CSV or Parquet file named
    /// <paramref name="fileName"/>.</summary>
    public static IResult Result<T>(IReadOnlyList<T> rows, TableFormat format, string fileName) =>
        format == TableFormat.Json ? TypedResults.Ok(rows) : new TableResult(Of(rows), format, fileName);

    // A table cell holds a scalar; navigation properties and nested objects are left to the JSON.
    private static bool IsCell(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || type == typeof(Guid) || type == typeof(DateTimeOffset) || type == typeof(DateTime)
            || type == typeof(TimeSpan);
    }
}
