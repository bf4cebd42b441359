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
}
