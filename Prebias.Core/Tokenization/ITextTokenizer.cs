namespace Prebias.Core.Tokenization;

/// <summary>
/// The tokenizer surface the pipeline needs: encode without special tokens (callers add BOS themselves,
/// as llama2.c's tinystories.py does with <c>enc.encode(text, bos=True, eos=False)</c>), decode, and the ids of the
/// special tokens. Implementations are thread-safe for concurrent Encode/Decode.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Which family this tokenizer belongs to.</summary>
    TokenizerKind Kind { get; }

    /// <summary>Number of ids; every id produced by <see cref="Encode"/> is in [0, VocabSize).</summary>
    int VocabSize { get; }

    /// <summary>Beginning-of-sequence id (Llama 2: 1); null when the vocabulary has none (GPT-2).</summary>
    int? BosId { get; }

    /// <summary>End-of-sequence id (Llama 2: 2; GPT-2: 50256 <c>&lt;|endoftext|&gt;</c>).</summary>
    int? EosId { get; }

    /// <summary>Token ids of <paramref name="text"/>, without BOS or EOS.</summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>Token ids together with their vocabulary pieces (e.g. "▁Once", "&lt;0x0A&gt;").</summary>
    EncodedText EncodeToPieces(string text);

    /// <summary>Text of <paramref name="ids"/>; special tokens (BOS/EOS) are dropped.</summary>
    string Decode(IEnumerable<int> ids);

    /// <summary>The vocabulary piece of <paramref name="id"/> as stored in the model.</summary>
    string IdToPiece(int id);
}
