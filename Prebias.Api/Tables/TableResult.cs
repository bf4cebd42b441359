using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Prebias.Api.Tables;

/// <summary>Writes a <see cref="Table"/> as JSON, CSV (RFC 4180) or Parquet.</summary>
public sealed class TableResult(Table table, TableFormat format, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        switch (format)
        {
            case TableFormat.Csv:
                response.ContentType = $"{TableFormats.CsvMediaType}; charset=utf-8";
                response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.csv\"";
                await response.WriteAsync(ToCsv(table), Encoding.UTF8);
                break;
            case TableFormat.Parquet:
                response.ContentType = TableFormats.ParquetMediaType;
                response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.parquet\"";
                using (var buffer = new MemoryStream())
                {
                    await WriteParquetAsync(table, buffer);
                    buffer.Position = 0;
                    await buffer.CopyToAsync(response.Body);
                }
                break;
            default:
                await response.WriteAsJsonAsync(table.AsObjects());
                break;
        }
    }

    public static string ToCsv(Table table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(c => Escape(c.Name))).Append('\n');
        foreach (var row in table.Rows)
            sb.AppendJoin(',', row.Select(v => Escape(Format(v)))).Append('\n');
        return sb.ToString();
    }

    public static async Task WriteParquetAsync(Table table, Stream stream)
    {
        var fields = table.Columns.Select(c => new DataField(c.Name, ParquetType(c.Type), isNullable: true)).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            var column = i;
            T? Value<T>(object?[] row) where T : struct => row[column] is T v && !(v is double d && double.IsNaN(d)) ? v : null;
            var rows = table.Rows;
            var type = fields[i].ClrType;
            if (type == typeof(double)) await group.WriteAsync<double>(fields[i], rows.Select(Value<double>).ToArray());
            else if (type == typeof(float)) await group.WriteAsync<float>(fields[i], rows.Select(Value<float>).ToArray());
            else if (type == typeof(int)) await group.WriteAsync<int>(fields[i], rows.Select(Value<int>).ToArray());
            else if (type == typeof(long)) await group.WriteAsync<long>(fields[i], rows.Select(Value<long>).ToArray());
            else if (type == typeof(bool)) await group.WriteAsync<bool>(fields[i], rows.Select(Value<bool>).ToArray());
            else await group.WriteAsync(fields[i], rows.Select(r => r[column] is null ? null! : Format(r[column])).ToArray());
        }
    }

    private static Type ParquetType(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(bool) ? t : typeof(string);

    private static string Format(object? v) => v switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}
