namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Where format readers send each document: applies the shared checks (trim, empty, too long), the bad-document
/// policy (throw or count), and writes good documents to the <see cref="CorpusWriter"/>.
/// </summary>
internal sealed class ImportSink(CorpusWriter writer, CorpusImportOptions options)
{
    private readonly Dictionary<BadDocumentReason, int> _skipped = [];
    private readonly List<BadDocumentExample> _examples = [];

    public int Imported { get; private set; }

    public int Skipped { get; private set; }

    public CorpusImportOptions Options => options;

    /// <summary>The shard being read when a folder or glob is imported: locations name it, and each document records
    /// it with its row (<see cref="SourceAttributes"/>).</summary>
    public string? Shard { get; set; }

    /// <summary>Longest raw UTF-8 a document can need: 3 bytes per UTF-16 char, or 6 per char when JSON-escaped as \uXXXX.</summary>
    public long MaxRawBytes => (long)options.MaxDocumentChars * 6 + 1024;

    /// <param name="row">Zero-based row or line of the document within its shard.</param>
    public void Accept(string text, string location, long row = -1, IReadOnlyDictionary<string, string>? attributes = null)
    {
        location = Locate(location);
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

    /// <summary>Prefixes a location with the current shard, so an error names the shard and the row.</summary>
    public string Locate(string location) =>
        Shard is null || location.StartsWith("shard ", StringComparison.Ordinal) ? location
        : location.Length == 0 ? $"shard {Shard}" : $"shard {Shard} {location}";

    private IReadOnlyDictionary<string, string>? WithSource(IReadOnlyDictionary<string, string>? attributes, long row)
    {
        if (Shard is null) return attributes;
        var all = attributes is null ? new Dictionary<string, string>(2) : new Dictionary<string, string>(attributes);
        all[SourceAttributes.Shard] = Shard;
        if (row >= 0) all[SourceAttributes.Row] = row.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return all;
    }

    public string TooLongMessage(long length) =>
        $"the document is longer than the maximum of {options.MaxDocumentChars} characters ({length}); raise MaxDocumentChars to accept it";

    /// <summary>Fails the import (policy Fail) or counts the document and keeps it as an example (policy Skip).</summary>
    public void Reject(BadDocumentReason reason, string location, string message)
    {
        location = Locate(location);
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
