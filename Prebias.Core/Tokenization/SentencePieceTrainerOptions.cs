namespace Prebias.Core.Tokenization;

/// <summary>
/// spm_train settings. Defaults are llama2.c's custom-vocabulary options (tinystories.py, train_vocab):
/// model_type=bpe, self_test_sample_size=0, input_format=text, character_coverage=1.0, num_threads=cpu count,
/// split_digits, allow_whitespace_only_pieces, byte_fallback, unk_surface=" ⁇ ", normalization_rule_name=identity.
/// </summary>
public sealed record SentencePieceTrainerOptions
{
    /// <summary>Trainer executable (Debian package 'sentencepiece'). Default: "spm_train" from PATH.</summary>
    public string Executable { get; init; } = "spm_train";

    /// <summary>"bpe" (llama2.c) or "unigram".</summary>
    public string ModelType { get; init; } = "bpe";

    /// <summary>Share of characters the vocabulary must cover; 1.0 keeps every character (llama2.c).</summary>
    public double CharacterCoverage { get; init; } = 1.0;

    /// <summary>Trainer threads; default all cores (llama2.c: os.cpu_count()).</summary>
    public int NumThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// When set, spm_train samples at most this many sentences (input_sentence_size + shuffle_input_sentence).
    /// Null (default) trains on every line, as llama2.c does on its 10-shard text file.
    /// </summary>
    public int? MaxSentences { get; init; }

    /// <summary>
    /// The text spm_train decodes an unknown piece to. llama2.c passes the escaped bytes " \342\201\207 ",
    /// i.e. " ⁇ " (U+2047 between spaces), which is also spm's default.
    /// </summary>
    public string UnknownSurface { get; init; } = " \u2047 ";

    /// <summary>Further "--flag=value" arguments appended verbatim (e.g. "--remove_extra_whitespaces=false"). Default none.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
