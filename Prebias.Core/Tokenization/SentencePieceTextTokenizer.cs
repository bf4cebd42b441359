using Microsoft.ML.Tokenizers;

namespace Prebias.Core.Tokenization;

/// <summary>
/// A SentencePiece <c>.model</c> (Llama 2's 32000-piece model, or one trained by <see cref="SentencePieceTrainer"/>)
/// encoded with Microsoft.ML.Tokenizers. Encoding follows the model's own normalizer spec (dummy prefix "▁",
/// whitespace handling, byte fallback), so ids equal the sentencepiece library's <c>sp.encode(text)</c> /
/// <c>spm_encode --output_format=id</c>; BOS/EOS are never added here (the caller adds BOS).
/// BPE models with the identity normalizer (llama2.c vocabularies, Llama 2) are encoded by
/// <see cref="SentencePieceBpeEncoder"/>, which matches spm exactly; other models go through Microsoft.ML.Tokenizers.
/// Newlines are ordinary characters: with byte fallback they become &lt;0x0A&gt;, as in sentencepiece's Python API.
/// </summary>
public sealed class SentencePieceTextTokenizer : ITextTokenizer
{
    private readonly SentencePieceTokenizer _tokenizer;
    private readonly SentencePieceBpeEncoder? _bpe;

    private SentencePieceTextTokenizer(SentencePieceModelFile model, SentencePieceTokenizer tokenizer)
    {
        Model = model;
        _tokenizer = tokenizer;
        _bpe = SentencePieceBpeEncoder.IsSupported(model, out _) ? new SentencePieceBpeEncoder(model) : null;
        BosId = SpecialId(tokenizer.BeginningOfSentenceId);
        EosId = SpecialId(tokenizer.EndOfSentenceId);
    }

    /// <summary>The parsed model file: pieces, scores, types (used by the llama2.c export).</summary>
    public SentencePieceModelFile Model { get; }

    public TokenizerKind Kind => TokenizerKind.SentencePiece;
    public int VocabSize => Model.Pieces.Count;
    public int? BosId { get; }
    public int? EosId { get; }

    /// <summary>Loads a <c>.model</c> file; throws <see cref="TokenizerFormatException"/> when it is corrupt or unsupported.</summary>
    public static SentencePieceTextTokenizer Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"SentencePiece model not found: {path}", path);
        return Load(File.ReadAllBytes(path));
    }

    /// <summary>Loads a <c>.model</c> from a stream (read to the end; the stream is not disposed).</summary>
    public static SentencePieceTextTokenizer Load(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray());
    }

    /// <summary>Loads a <c>.model</c> from its bytes.</summary>
    public static SentencePieceTextTokenizer Load(byte[] modelBytes)
    {
        var model = SentencePieceModelFile.Parse(modelBytes);
        if (model.ModelType is not ("bpe" or "unigram"))
            throw new TokenizerFormatException(
                $"Unsupported SentencePiece model type '{model.ModelType}': only BPE and unigram models can be loaded.");
        try
        {
            using var stream = new MemoryStream(modelBytes, writable: false);
            var tokenizer = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
            return new SentencePieceTextTokenizer(model, tokenizer);
        }
        catch (Exception e) when (e is not TokenizerFormatException)
        {
            throw new TokenizerFormatException($"Could not load the SentencePiece model: {e.Message}", e);
        }
    }

    /// <summary>True when encoding uses Prebias's spm-exact BPE encoder rather than Microsoft.ML.Tokenizers.</summary>
    public bool UsesExactBpeEncoder => _bpe is not null;

    public IReadOnlyList<int> Encode(string text)
    {
        if (_bpe is null) return EncodeWithLibrary(text);
        var ids = new List<int>(text.Length / 3 + 4);
        _bpe.Encode(text, ids);
        return ids;
    }

    // Fallback for models our encoder does not cover (unigram, nmt_nfkc normalizer, user-defined pieces).
    private IReadOnlyList<int> EncodeWithLibrary(string text) =>
        _tokenizer.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false,
            considerPreTokenization: true, considerNormalization: true);

    public EncodedText EncodeToPieces(string text)
    {
        var ids = Encode(text);
        return new EncodedText(ids, ids.Select(IdToPiece).ToArray());
    }

    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids, considerSpecialTokens: false);

    public string IdToPiece(int id) => Model.Pieces[id].Piece;

    private int? SpecialId(int id) =>
        id >= 0 && id < Model.Pieces.Count && Model.Pieces[id].Type == SentencePieceType.Control ? id : null;
}
