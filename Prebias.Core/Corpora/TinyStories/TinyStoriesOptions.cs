using Prebias.Core.Corpora.Import;

namespace Prebias.Core.Corpora.TinyStories;

/// <summary>Where TinyStories comes from and how much of it to import.</summary>
public sealed record TinyStoriesOptions
{
    /// <summary>The Hugging Face release (Eldan and Li 2023), a tar.gz of data00.json .. data49.json; llama2.c's
    /// tinystories.py downloads the same file.</summary>
    public Uri Url { get; init; } = new("https://huggingface.co/datasets/roneneldan/TinyStories/resolve/main/TinyStories_all_data.tar.gz");

    /// <summary>Import only the first N shards in name order (null: all 50, about 2.1M stories per llama2.c's pretokenize).</summary>
    public int? ShardLimit { get; init; }

    /// <summary>How each shard's JSON array is read: text field "story", Fail policy by default.</summary>
    public CorpusImportOptions Import { get; init; } = new() { Format = CorpusFileFormat.JsonArray, TextField = "story" };
}
