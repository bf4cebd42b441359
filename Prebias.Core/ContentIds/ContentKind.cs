namespace Prebias.Core.ContentIds;

/// <summary>The kinds of content that get an id, as stored in <c>content_ids.kind</c>.</summary>
public static class ContentKind
{
    public const string Corpus = "corpus";
    public const string Tokenizer = "tokenizer";
    public const string Dataset = "dataset";
    public const string Order = "order";
    public const string Checkpoint = "checkpoint";
}
