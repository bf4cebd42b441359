namespace Prebias.Core.Tokenization;

/// <summary>A tokenizer request (<c>POST /api/tokenizers</c>), stored with the tokenizer as JSON.</summary>
public sealed record TokenizerSpec
{
    public string? Name { get; init; }

    /// <summary><c>sentencepiece</c> (a .model from <c>path</c>, <c>url</c> or an upload), <c>gpt2</c>, or <c>train</c>.</summary>
    public string Kind { get; init; } = "train";

    /// <summary><c>sentencepiece</c>: a .model path readable by the workers.</summary>
    public string? Path { get; init; }

    /// <summary><c>sentencepiece</c>: a .model to download.</summary>
    public string? Url { get; init; }

    /// <summary><c>train</c>: the corpus to train on (must be Ready).</summary>
    public Guid? CorpusId { get; init; }

    /// <summary><c>train</c>: vocabulary size (llama2.c uses 512 and 4096 for its custom TinyStories vocabularies).</summary>
    public int VocabSize { get; init; } = 512;

    /// <summary>Set by the upload endpoint: the artifact key of the uploaded .model.</summary>
    public string? Upload { get; init; }
}
