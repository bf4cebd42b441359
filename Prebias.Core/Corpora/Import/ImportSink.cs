using System.Globalization;
using System.Text;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Where format readers send each document: applies the shared checks (trim, empty, too long), the bad-document
/// policy (throw or count), and writes good documents to the <see cref="CorpusWriter"/>.
/// </summary>
internal sealed class ImportSink(CorpusWriter writer, CorpusImportOptions options)
{
    private readonly Dictionary<BadDocumentReason, int> _skipped = [];
    private readonly List<BadDocumentExample> _examples = [];
    private KeyValuePair<string, string>[] _withSource = [];

    public int Imported { get; private set; }

    public int Skipped { get; private set; }

    public CorpusImportOptions Options => options;

    /// <summary>The shard being read when a folder or glob is imported: locations name it, and each document records
    /// it with its row (<see cref="SourceAttributes"/>).</summary>
    public string? Shard { get; set; }

    /// <summary>Longest raw UTF-8 a document can need: 3 bytes per UTF-16 char, or 6 per char when JSON-escaped as \uXXXX.</summary>
    public long MaxRawBytes => (long)options.MaxDocumentChars * 6 + 1024;

    /// <param name="row">Zero-based row or line of the document within its shard.</param>
    public void Accept(string text, DocumentLocation location, long row = -1) =>
        Accept(text.AsSpan(), location, row, []);

    /// <param name="row">Zero-based row or line of the document within its shard.</param>
    /// <param name="attributes">Sorted by key (ordinal), keys unique: what <see cref="CorpusWriter"/> writes.</param>
    public void Accept(ReadOnlySpan<char> text, DocumentLocation location, long row,
        ReadOnlySpan<KeyValuePair<string, string>> attributes)
    {
        if (options.Trim) text = text.Trim();
        if (text.Length == 0)
            Reject(BadDocumentReason.EmptyDocument, location, "the document is empty");
        else if (text.Length > options.MaxDocumentChars)
            Reject(BadDocumentReason.TooLong, location, TooLongMessage(text.Length));
        else
        {
            writer.Write(text, WithSource(attributes, row));
            Imported++;
        }
    }

    /// <summary>The same checks for UTF-8 text (Parquet), written as it is: no string per document. Invalid UTF-8
    /// is a bad document, as in the other formats.</summary>
    /// <param name="attributes">Sorted by key (ordinal), keys unique: what <see cref="CorpusWriter"/> writes.</param>
    public void AcceptUtf8(ReadOnlySpan<byte> text, DocumentLocation location, long row,
        ReadOnlySpan<KeyValuePair<string, string>> attributes)
    {
        var invalid = Utf8Check.FindInvalid(text);
        if (invalid >= 0)
        {
            Reject(BadDocumentReason.InvalidUtf8, location, Utf8Check.Describe(invalid, text, invalid) + " in the text");
            return;
        }
        if (options.Trim) text = Utf8Check.TrimWhiteSpace(text);
        // UTF-8 never takes fewer bytes than UTF-16 chars, so only a long text needs counting.
        var chars = text.Length <= options.MaxDocumentChars ? text.Length : Encoding.UTF8.GetCharCount(text);
        if (text.Length == 0)
            Reject(BadDocumentReason.EmptyDocument, location, "the document is empty");
        else if (chars > options.MaxDocumentChars)
            Reject(BadDocumentReason.TooLong, location, TooLongMessage(chars));
        else
        {
            writer.WriteUtf8(text, WithSource(attributes, row));
            Imported++;
        }
    }

    /// <summary>Prefixes a location with the current shard, so an error names the shard and the row.</summary>
    public string Locate(string location) =>
        Shard is null || location.StartsWith("shard ", StringComparison.Ordinal) ? location
        : location.Length == 0 ? $"shard {Shard}" : $"shard {Shard} {location}";

    /// <summary>Adds the shard and row (they replace a column of the same name) into a buffer reused for every
    /// document, kept sorted by key.</summary>
    private ReadOnlySpan<KeyValuePair<string, string>> WithSource(ReadOnlySpan<KeyValuePair<string, string>> attributes,
        long row)
    {
        if (Shard is null) return attributes;
        if (_withSource.Length < attributes.Length + 2)
            _withSource = new KeyValuePair<string, string>[attributes.Length + 2];
        var count = 0;
        foreach (var pair in attributes)
            if (pair.Key is not (SourceAttributes.Shard or SourceAttributes.Row)) _withSource[count++] = pair;
        _withSource[count++] = new(SourceAttributes.Shard, Shard);
        if (row >= 0) _withSource[count++] = new(SourceAttributes.Row, row.ToString(CultureInfo.InvariantCulture));
        var all = _withSource.AsSpan(0, count);
        SortByKey(all);
        return all;
    }

    private static void SortByKey(Span<KeyValuePair<string, string>> attributes) =>
        attributes.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

    public string TooLongMessage(long length) =>
        $"the document is longer than the maximum of {options.MaxDocumentChars} characters ({length}); raise MaxDocumentChars to accept it";

    /// <summary>Fails the import (policy Fail) or counts the document and keeps it as an example (policy Skip).</summary>
    public void Reject(BadDocumentReason reason, DocumentLocation at, string message)
    {
        var location = Locate(at.ToString());
        if (options.Policy == BadDocumentPolicy.Fail)
            throw new CorpusImportException(reason, location,
                $"{message} (bad document policy is Fail; use Skip to skip and count bad documents)");
        Skipped++;
        _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;
        if (_examples.Count < options.MaxExamples)
            _examples.Add(new BadDocumentExample(reason, location, message));
    }

    /// <summary>Fails when nothing was imported: an empty corpus is never a success, whatever the policy.</summary>
    public void EnsureNotEmpty(string source)
    {
        if (Imported > 0) return;
        var why = Skipped == 0 ? "it contains no documents" : $"all {Skipped} documents were bad and skipped";
        throw new CorpusImportException(BadDocumentReason.EmptyCorpus, source, $"the corpus is empty: {why}");
    }

    public CorpusImportReport Report(CorpusSummary? corpus = null) =>
        new(Imported, Skipped, new Dictionary<BadDocumentReason, int>(_skipped), _examples.ToArray(), corpus);
}
