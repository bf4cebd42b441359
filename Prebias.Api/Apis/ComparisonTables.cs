using System.Reflection;
using System.Text.Json;
using Prebias.Api.Tables;
using Prebias.Core.Experiments;

namespace Prebias.Api.Apis;

/// <summary>
/// The four parts of an experiment comparison as flat tables (CSV and Parquet). The columns are the records'
/// properties in declaration order under their JSON (camelCase) names, so a field is called the same in the JSON and
/// in the CSV and a new field cannot reach one without the other.
/// </summary>
public static class ComparisonTables
{
    public static Table Of(ExperimentComparisonResult c, string table) => table switch
    {
        "endpoint" => From(c.EndPoint),
        "divergence" => From(c.Divergence),
        "bias" => From(c.Bias),
        _ => From(c.Curves),
    };

    private static Table From<T>(IReadOnlyList<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        var columns = properties.Select(p => new TableColumn(JsonNamingPolicy.CamelCase.ConvertName(p.Name), Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)).ToList();
        return new Table(columns, [.. rows.Select(r => properties.Select(p => p.GetValue(r)).ToArray())]);
    }
}
