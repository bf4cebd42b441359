using Microsoft.AspNetCore.Http.HttpResults;

namespace Prebias.Api.Tables;

/// <summary>How a table is written: <c>?format=json|csv|parquet</c>, else the Accept header, else JSON.</summary>
public enum TableFormat
{
    Json,
    Csv,
    Parquet,
}

public static class TableFormats
{
    public const string CsvMediaType = "text/csv";
    public const string ParquetMediaType = "application/vnd.apache.parquet";

    /// <summary>The 400 for an unknown format, naming the field as every other bad request does.</summary>
    public static ValidationProblem Invalid(string? format)
    {
        var shown = format is { Length: > 20 } ? format[..20] + "…" : format;
        return TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["format"] = [$"format must be json, csv or parquet, not '{shown}'."],
        });
    }

    /// <summary>Parses the format; null when the query names an unknown one (the caller answers 400).</summary>
    public static TableFormat? Resolve(string? format, HttpRequest request)
    {
        if (!string.IsNullOrEmpty(format))
            return format.ToLowerInvariant() switch
            {
                "json" => TableFormat.Json,
                "csv" => TableFormat.Csv,
                "parquet" => TableFormat.Parquet,
                _ => null,
            };
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains(CsvMediaType, StringComparison.OrdinalIgnoreCase)) return TableFormat.Csv;
        if (accept.Contains(ParquetMediaType, StringComparison.OrdinalIgnoreCase)) return TableFormat.Parquet;
        return TableFormat.Json;
    }
}
