using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Parquet (Hugging Face shards such as TinyStories' <c>data/train-00000-of-00004.parquet</c>): one document per
/// row from the string column <see cref="CorpusImportOptions.TextColumn"/>; every other top-level scalar column is
/// kept as a document attribute (invariant text, booleans as <c>true</c>/<c>false</c>). Nested and repeated
/// columns are left out. One row group is held at a time, so memory stays flat whatever the file size.
/// </summary>
internal static class ParquetDocumentReader
{
    public static void Read(Stream seekable, ImportSink sink, CancellationToken ct) =>
        ReadAsync(seekable, sink, ct).GetAwaiter().GetResult();

    private static async Task ReadAsync(Stream seekable, ImportSink sink, CancellationToken ct)
    {
        ParquetReader reader;
        try { reader = await ParquetReader.CreateAsync(seekable, leaveStreamOpen: true, cancellationToken: ct); }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException
                                  or ArgumentException or InvalidOperationException)
        {
            throw new CorpusImportException(BadDocumentReason.UnreadableFile, "",
                $"not a readable Parquet file ({e.Message})", e);
        }
        await using var _ = reader;
        // Top-level fields only (structs, lists and maps are not DataFields there); a repeated column is an array.
        var flat = reader.Schema.Fields.OfType<DataField>().Where(f => !f.IsArray).ToList();
        var textField = flat.FirstOrDefault(f => f.Name == sink.Options.TextColumn && ParquetScalars.IsText(f.ClrType))
            ?? throw new CorpusImportException(BadDocumentReason.MissingTextField, "",
                $"no string column \"{sink.Options.TextColumn}\"; columns: " +
                string.Join(", ", reader.Schema.Fields.Select(Describe)) + " (set textColumn)");
        var attributeFields = flat.Where(f => f.Name != textField.Name && ParquetScalars.IsSupported(f.ClrType)).ToList();

        long row = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            ct.ThrowIfCancellationRequested();
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var texts = await ParquetScalars.ReadAsTextAsync(group, textField, count, ct);
            var columns = new List<string?[]>(attributeFields.Count);
            foreach (var field in attributeFields) columns.Add(await ParquetScalars.ReadAsTextAsync(group, field, count, ct));

            for (var i = 0; i < count; i++, row++)
            {
                var location = $"row {row.ToString(CultureInfo.InvariantCulture)}";
                if (texts[i] is not { } text)
                {
                    sink.Reject(BadDocumentReason.MissingTextField, location, $"\"{textField.Name}\" is null");
                    continue;
                }
                Dictionary<string, string>? attributes = null;
                for (var c = 0; c < columns.Count; c++)
                    if (columns[c][i] is { } value) (attributes ??= new(StringComparer.Ordinal))[attributeFields[c].Name] = value;
                sink.Accept(text, location, row, attributes);
            }
        }
    }

    private static string Describe(Field field) =>
        field is DataField d ? $"{d.Name} ({d.ClrType.Name}{(d.IsArray ? "[]" : "")})" : $"{field.Name} ({field.SchemaType})";
}
