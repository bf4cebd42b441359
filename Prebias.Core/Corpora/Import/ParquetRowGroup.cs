using Parquet;
using Parquet.Schema;
using Prebias.Core.Corpora.Import.ParquetPages;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// One decoded row group: each row's text as UTF-8 bytes (no string per row), which rows have a null text, and the
/// attribute columns as invariant text, one array per column.
/// </summary>
internal sealed class ParquetRowGroup
{
    private readonly bool[]? _nullTexts;

    private ParquetRowGroup(int index, long firstRow, ReadOnlyMemory<byte>[] texts, bool[]? nullTexts,
        string?[][] attributes)
    {
        Index = index;
        FirstRow = firstRow;
        Texts = texts;
        _nullTexts = nullTexts;
        Attributes = attributes;
    }

    public int Index { get; }

    /// <summary>Zero-based row of the group's first row within the file.</summary>
    public long FirstRow { get; }

    public ReadOnlyMemory<byte>[] Texts { get; }

    public int Count => Texts.Length;

    /// <summary>Per attribute column (in the order asked for), per row: the value, or null.</summary>
    public string?[][] Attributes { get; }

    public bool IsTextNull(int row) => _nullTexts?[row] ?? false;

    /// <param name="textBytes">The text column as bytes (<see cref="ParquetScalars.AsUtf8Bytes"/>).</param>
    /// <param name="file">The file <paramref name="reader"/> reads: the text column's pages are read from it directly
    /// (<see cref="ParquetTextChunkReader"/>) where they can be. Only one row group reads it at a time.</param>
    public static async Task<ParquetRowGroup> ReadAsync(ParquetReader reader, Stream file, int index, long firstRow,
        DataField textBytes, IReadOnlyList<DataField> attributeFields, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var group = reader.OpenRowGroupReader(index);
        var count = checked((int)group.RowCount);
        var (texts, nulls) = ParquetTextChunkReader.TryRead(file, group.GetMetadata(textBytes), count,
                textBytes.MaxDefinitionLevel)
            ?? await ParquetScalars.ReadUtf8Async(group, textBytes, count, ct);
        var attributes = new string?[attributeFields.Count][];
        for (var c = 0; c < attributeFields.Count; c++)
            attributes[c] = await ParquetScalars.ReadAsTextAsync(group, attributeFields[c], count, ct);
        return new ParquetRowGroup(index, firstRow, texts, nulls, attributes);
    }
}
