namespace Prebias.Core.Corpora.Import;

/// <summary>Options for importing a user corpus file (also used by the TinyStories unpacker for its shards).</summary>
public sealed record CorpusImportOptions
{
    /// <summary>File format; Auto: .jsonl/.ndjson -> JSONL, .txt -> plain text, else sniffed ('[' array, '{' JSONL, other text).</summary>
    public CorpusFileFormat Format { get; init; } = CorpusFileFormat.Auto;

    /// <summary>Property holding the document text in JSON and JSONL (TinyStories uses "story").</summary>
    public string TextField { get; init; } = "story";

    /// <summary>Parquet: the string column holding the document text (Hugging Face datasets use "text").</summary>
    public string TextColumn { get; init; } = "text";

    /// <summary>Plain text: separator line or blank lines.</summary>
    public PlainTextSplit PlainTextSplit { get; init; } = PlainTextSplit.SeparatorLine;

    /// <summary>Plain text separator line (GPT-2's end-of-text marker, as in TinyStories' .txt releases).</summary>
    public string SeparatorLine { get; init; } = "<|endoftext|>";

    /// <summary>Longest document in UTF-16 chars; longer ones are bad documents (TinyStories' longest is a few thousand).</summary>
    public int MaxDocumentChars { get; init; } = 100_000;

    /// <summary>Fail on the first bad document (default) or skip and count bad documents.</summary>
    public BadDocumentPolicy Policy { get; init; } = BadDocumentPolicy.Fail;

    /// <summary>How many skipped documents are kept as examples in the report.</summary>
    public int MaxExamples { get; init; } = 5;

    /// <summary>Largest input file in bytes; reading past it fails the import (the job passes <c>Prebias:Import:MaxBytes</c>).</summary>
    public long MaxInputBytes { get; init; } = long.MaxValue;

    /// <summary>Trim leading and trailing whitespace of each document (a whitespace-only document is empty).</summary>
    public bool Trim { get; init; } = true;
}
