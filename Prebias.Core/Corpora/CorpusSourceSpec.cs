using System.Text.Json.Serialization;
using Prebias.Core.Corpora.Mixtures;
using Prebias.Core.Corpora.Synthetic;

namespace Prebias.Core.Corpora;

/// <summary>
/// Where a corpus comes from (<c>source</c> of <c>POST /api/corpora</c>), stored with the corpus as JSON.
/// </summary>
public sealed record CorpusSourceSpec
{
    /// <summary><c>synthetic</c> (default), <c>file</c>, <c>url</c>, <c>tinystories</c> or <c>mixture</c>.</summary>
    public string Kind { get; init; } = "synthetic";

    /// <summary><c>file</c>: a file, a folder of shards or a glob (<c>data/train-*.parquet</c>) inside the import
    /// roots; a folder or glob is one corpus in file-name order, each document recording its shard and row.</summary>
    public string? Path { get; init; }

    /// <summary><c>url</c>: the file to download; <c>tinystories</c>: overrides the Hugging Face URL.</summary>
    public string? Url { get; init; }

    /// <summary><c>auto</c> (from extension and content), <c>json</c> (array of objects), <c>jsonl</c>, <c>text</c> or
    /// <c>parquet</c>. JSON, JSONL and text may also be <c>.gz</c> or <c>.zst</c> compressed (told by the name).</summary>
    public string Format { get; init; } = "auto";

    /// <summary>JSON and JSONL: the field holding the story text.</summary>
    public string TextField { get; init; } = "story";

    /// <summary>Parquet: the string column holding the text; the other scalar columns become attributes.</summary>
    public string TextColumn { get; init; } = "text";

    /// <summary>Plain text: the line that separates documents; empty means blank-line separated.</summary>
    public string Separator { get; init; } = "<|endoftext|>";

    /// <summary><c>tinystories</c>: import only the first N of the 50 JSON shards.</summary>
    public int? ShardLimit { get; init; }

    /// <summary><c>synthetic</c>: the generator's options (seed, documents, dialled attributes).</summary>
    public SyntheticCorpusOptions? Synthetic { get; init; }

    /// <summary><c>mixture</c>: the Ready corpora to mix and their weights (see <see cref="CorpusMixer"/>).</summary>
    public MixturePart[]? Parts { get; init; }

    /// <summary><c>mixture</c>: how many documents the mixture has.</summary>
    public int? Size { get; init; }

    /// <summary><c>mixture</c>: the seed of the draws and of the interleaving.</summary>
    public long? Seed { get; init; }

    /// <summary>Set by the upload endpoint: the artifact key of the uploaded file.</summary>
    [JsonInclude]
    public string? Upload { get; init; }
}
