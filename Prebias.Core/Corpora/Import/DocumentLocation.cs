using System.Globalization;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Where a document sits in its file ("line 3", "row 12", or any text). The unit-and-number form is formatted only
/// when the document is rejected: building the text for every accepted document cost JSONL and Parquet imports a
/// string per row.
/// </summary>
internal readonly struct DocumentLocation
{
    private readonly string? _text;
    private readonly string? _unit;
    private readonly long _number;

    public DocumentLocation(string unit, long number)
    {
        _unit = unit;
        _number = number;
    }

    private DocumentLocation(string text) => _text = text;

    public static implicit operator DocumentLocation(string text) => new(text);

    public override string ToString() =>
        _text ?? (_unit is null ? "" : $"{_unit} {_number.ToString(CultureInfo.InvariantCulture)}");
}
