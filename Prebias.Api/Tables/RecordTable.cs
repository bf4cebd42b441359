using Microsoft.AspNetCore.Http.HttpResults;

namespace Prebias.Api.Tables;

/// <summary>
/// Records as a <see cref="Table"/>: the columns are the public properties in declaration order under the names the
/// JSON uses (camelCase, or a [JsonPropertyName]; [JsonIgnore] leaves one out), so a field is called the same in the
/// JSON, the CSV and the Parquet file and a new field cannot reach one without the others.
/// </summary>
public static class RecordTable
{
    /// <summary>The rows as JSON (the records themselves), or as a CSV or Parquet file named
    /// <paramref name="fileName"/>.</summary>
    public static IResult Result<T>(IReadOnlyList<T> rows, TableFormat format, string fileName) =>
        format == TableFormat.Json ? TypedResults.Ok(rows) : new TableResult(Table.FromRecords(rows), format, fileName);
}
