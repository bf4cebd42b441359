using System.Text;

namespace Prebias.Core.Tokenization;

/// <summary>
/// Writes llama2.c's <c>tokenizer.bin</c> (tokenizer.py <c>export()</c>, read by run.c <c>build_tokenizer</c>),
/// little-endian: <c>int32 max_token_length</c>, then for every id in order <c>float32 score, int32 byte_length,
/// UTF-8 bytes</c> (no terminator).
/// <para>SentencePiece: the model's scores; "▁" becomes " "; BOS is written as "\n&lt;s&gt;\n" and EOS as
/// "\n&lt;/s&gt;\n" exactly like tokenizer.py; byte-fallback pieces stay as the text "&lt;0x0A&gt;" because run.c's
/// decode turns them back into the byte.</para>
/// <para>GPT-2 (our own definition; llama2.c has none): each token's raw bytes from the byte-level BPE (tokens can
/// be partial UTF-8, which run.c prints byte by byte), score = -id. GPT-2 ids above 255 are in merge order, so
/// run.c's greedy "merge the highest score" roughly follows GPT-2's merge ranks; decoding is exact, encoding with run.c
/// is an approximation (no regex pre-split).</para>
/// </summary>
public static class Llama2cTokenizerExporter
{
    public static void Export(ITextTokenizer tokenizer, string path) =>
        AtomicFile.Write(path, stream => Export(tokenizer, stream));

    public static void Export(ITextTokenizer tokenizer, Stream output) => Write(Entries(tokenizer), output);

    /// <summary>
    /// tokenizer.bin for a model of <paramref name="vocabSize"/> ids, which run.c reads in full: the pieces of
    /// <paramref name="tokenizer"/> (without one, llama2.c's fixed layout: &lt;unk&gt;, BOS, EOS, the 256
    /// &lt;0xXX&gt; byte pieces), then timing-only filler pieces "&lt;fill{id}&gt;" up to <paramref name="vocabSize"/>
    /// (a model trained with a 512-piece vocabulary but a 32,000-id embedding, as stories15m with our corpora).
    /// Fillers score below every real piece, so run.c's encoder prefers real merges.
    /// </summary>
    public static void Export(ITextTokenizer? tokenizer, int vocabSize, string path) =>
        AtomicFile.Write(path, stream => Export(tokenizer, vocabSize, stream));

    /// <inheritdoc cref="Export(ITextTokenizer?, int, string)"/>
    public static void Export(ITextTokenizer? tokenizer, int vocabSize, Stream output)
    {
        var entries = tokenizer is null ? ByteLayoutEntries() : Entries(tokenizer);
        if (entries.Count > vocabSize)
            throw new ArgumentException($"the tokenizer has {entries.Count} pieces, the model only {vocabSize} ids");
        for (var id = entries.Count; id < vocabSize; id++) entries.Add((-1e9f, Encoding.UTF8.GetBytes($"<fill{id}>")));
        Write(entries, output);
    }

    private static List<(float Score, byte[] Bytes)> Entries(ITextTokenizer tokenizer) => tokenizer switch
    {
        SentencePieceTextTokenizer sp => SentencePieceEntries(sp),
        Gpt2TextTokenizer gpt2 => Gpt2Entries(gpt2),
        _ => throw new NotSupportedException($"No llama2.c export defined for {tokenizer.GetType().Name}."),
    };

    // tokenizer.py's layout of the Llama 2 vocabulary's first 259 ids.
    private static List<(float Score, byte[] Bytes)> ByteLayoutEntries()
    {
        var entries = new List<(float, byte[])>
        {
            (0f, "<unk>"u8.ToArray()), (0f, "\n<s>\n"u8.ToArray()), (0f, "\n</s>\n"u8.ToArray()),
        };
        for (var b = 0; b < 256; b++) entries.Add((0f, Encoding.UTF8.GetBytes($"<0x{b:X2}>")));
        return entries;
    }

    private static void Write(List<(float Score, byte[] Bytes)> entries, Stream output)
    {
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true); // BinaryWriter is little-endian
        writer.Write(entries.Max(e => e.Bytes.Length));
        foreach (var (score, bytes) in entries)
        {
            writer.Write(score);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    private static List<(float Score, byte[] Bytes)> SentencePieceEntries(SentencePieceTextTokenizer tokenizer)
    {
        var pieces = tokenizer.Model.Pieces;
        var entries = new List<(float, byte[])>(pieces.Count);
        for (var id = 0; id < pieces.Count; id++)
        {
            var text = id == tokenizer.BosId ? "\n<s>\n"
                : id == tokenizer.EosId ? "\n</s>\n"
                : pieces[id].Piece.Replace('\u2581', ' ');
            entries.Add((pieces[id].Score, Encoding.UTF8.GetBytes(text)));
        }
        return entries;
    }

    private static List<(float Score, byte[] Bytes)> Gpt2Entries(Gpt2TextTokenizer tokenizer)
    {
        var entries = new List<(float, byte[])>(tokenizer.VocabSize);
        for (var id = 0; id < tokenizer.VocabSize; id++) entries.Add((-id, tokenizer.TokenBytes(id).ToArray()));
        return entries;
    }
}
