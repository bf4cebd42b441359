using Parquet;
using Parquet.Schema;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Parquet (Hugging Face shards such as TinyStories' <c>data/train-00000-of-00004.parquet</c>): one document per
/// row from the string column <see cref="CorpusImportOptions.TextColumn"/>; every other top-level scalar column is
/// kept as a document attribute (invariant text, booleans as <c>true</c>/<c>false</c>). Nested and repeated
/// columns are left out. The text column's pages are read directly where they can be
/// (<see cref="ParquetPages.ParquetTextChunkReader"/>), without an array per value. The next row group is decoded
/// while the current one is written, so at most two row groups are in memory and memory stays flat whatever the
/// file size.
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
        // Sorted once by name, so each row's attributes go to the writer in its order without a dictionary per row.
        var attributeFields = flat.Where(f => f.Name != textField.Name && ParquetScalars.IsSupported(f.ClrType))
            .DistinctBy(f => f.Name).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var names = attributeFields.Select(f => f.Name).ToArray();
        var pairs = new KeyValuePair<string, string>[names.Length];
        var textBytes = ParquetScalars.AsUtf8Bytes(textField);

        Task<ParquetRowGroup>? next = reader.RowGroupCount == 0 ? null
            : ParquetRowGroup.ReadAsync(reader, seekable, 0, 0, textBytes, attributeFields, ct);
        try
        {
            while (next is not null)
            {
                var group = await next;
                var index = group.Index + 1;
                var firstRow = group.FirstRow + group.Count;
                // The next row group decodes on the pool while this one is written: on a second core that hides
                // Parquet.Net's decoding, and at most two row groups are in memory, so memory stays flat.
                next = index == reader.RowGroupCount ? null
                    : Task.Run(() => ParquetRowGroup.ReadAsync(reader, seekable, index, firstRow, textBytes,
                        attributeFields, ct), ct);
                Write(group, textField.Name, names, pairs, sink);
            }
        }
        finally
        {
            // A bad row (policy Fail) or a cancellation ends the loop while the next group decodes: wait for it, so
            // the stream is not closed under it. Its own outcome is moot then; the first error is the one reported.
            if (next is not null)
                try { await next; }
                catch (Exception) { /* see above */ }
        }
    }

    private static void Write(ParquetRowGroup group, string textColumn, string[] names,
        KeyValuePair<string, string>[] pairs, ImportSink sink)
    {
        for (var i = 0; i < group.Count; i++)
        {
            var row = group.FirstRow + i;
            if (group.IsTextNull(i))
            {
                sink.Reject(BadDocumentReason.MissingTextField, new DocumentLocation("row", row),
                    $"\"{textColumn}\" is null");
                continue;
            }
            var count = 0;
            for (var c = 0; c < names.Length; c++)
                if (group.Attributes[c][i] is { } value) pairs[count++] = new(names[c], value);
            sink.AcceptUtf8(group.Texts[i].Span, new DocumentLocation("row", row), row, pairs.AsSpan(0, count));
        }
    }

    private static string Describe(Field field) =>
        field is DataField d ? $"{d.Name} ({d.ClrType.Name}{(d.IsArray ? "[]" : "")})" : $"{field.Name} ({field.SchemaType})";
}
