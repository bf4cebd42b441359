using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prebias.Api.Tables;

/// <summary>A column of a <see cref="Table"/>: its name and CLR type (string, int, long, double, bool, Guid, DateTimeOffset).</summary>
public sealed record TableColumn(string Name, Type Type);

/// <summary>
/// A rectangular result that every table endpoint returns, so one writer serves it as JSON (array of objects),
/// CSV or Parquet (<see cref="TableResult"/>).
/// </summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public IEnumerable<Dictionary<string, object?>> AsObjects() =>
        Rows.Select(row => Columns.Select((c, i) => (c.Name, Value: row[i])).ToDictionary(p => p.Name, p => p.Value));

    /// <summary>
    /// One column per public property of <typeparamref name="T"/>, in declaration order, named by
    /// <paramref name="naming"/> (camelCase, as the JSON answers, unless a route's CSV has always used another
    /// style). A field added to the record reaches every format at once; none is typed twice.
    /// </summary>
    public static Table FromRecords<T>(IEnumerable<T> rows, JsonNamingPolicy? naming = null)
    {
        naming ??= JsonNamingPolicy.CamelCase;
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null
                && IsCell(p.PropertyType))
            .ToArray();
        var columns = properties.Select(p => new TableColumn(
            p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? naming.ConvertName(p.Name),
            Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)).ToList();
        return new Table(columns, [.. rows.Select(r => properties.Select(p => p.GetValue(r)).ToArray())]);
    }

    // A table cell holds a scalar; navigation properties and nested objects are left to the JSON.
    private static bool IsCell(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || type == typeof(Guid) || type == typeof(DateTimeOffset) || type == typeof(DateTime)
            || type == typeof(TimeSpan);
    }
}
