using System.Text;

namespace Prebias.Core.Tokenization;

/// <summary>
/// A re-implementation of sentencepiece's BPE encoder (bpe_model.cc <c>Model::Encode</c>, v0.1.97) for models with
/// the identity normalizer, written because Microsoft.ML.Tokenizers 2.0.1 breaks ties between equal-score pairs
/// differently (e.g. "weee" → w|e|ee instead of spm's w|ee|e) and is several times slower than spm_encode.
/// <para>Algorithm: normalize (identity rule: strip/collapse spaces if remove_extra_whitespaces, dummy "▁" prefix,
/// ' ' → '▁'), split into code points, then repeatedly merge the adjacent pair whose concatenation is a vocabulary
/// piece with the highest score, the leftmost first on ties; leftover symbols that are not pieces become byte-fallback
/// pieces &lt;0xXX&gt; (or &lt;unk&gt;, consecutive ones collapsed, when byte fallback is off).</para>
/// <para>Speed: the normalized text is cut before every "▁" that follows a non-"▁" character. When no vocabulary
/// piece contains such a boundary (true for vocabularies trained with split_by_whitespace, spm's default), no merge can
/// cross it, so the words are encoded independently and cached per thread; otherwise the whole text is one unit.</para>
/// </summary>
public sealed class SentencePieceBpeEncoder
{
    private const char SpaceSymbol = '\u2581';
    private const int MaxCachedWords = 200_000;

    private readonly Dictionary<string, int> _pieceIds;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly float[] _scores;
    private readonly int[] _byteIds = new int[256];
    private readonly int _unknownId;
    private readonly bool _byteFallback, _addDummyPrefix, _removeExtraWhitespaces;

    private readonly bool _splitWords;
    private readonly ThreadLocal<Dictionary<string, int[]>> _wordCache = new(() => new(StringComparer.Ordinal));

    public SentencePieceBpeEncoder(SentencePieceModelFile model)
    {
        if (!IsSupported(model, out var reason)) throw new NotSupportedException(reason);
        _pieceIds = new Dictionary<string, int>(model.Pieces.Count, StringComparer.Ordinal);
        _scores = new float[model.Pieces.Count];
        Array.Fill(_byteIds, -1);
        _unknownId = -1;
        for (var id = 0; id < model.Pieces.Count; id++)
        {
            var (piece, score, type) = model.Pieces[id];
            _scores[id] = score;
            if (type == SentencePieceType.Normal) _pieceIds.TryAdd(piece, id);
            else if (type == SentencePieceType.Unknown) _unknownId = id;
            else if (type == SentencePieceType.Byte) _byteIds[Convert.ToByte(piece[3..5], 16)] = id;
        }
        _lookup = _pieceIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _byteFallback = model.ByteFallback && _byteIds.All(id => id >= 0);
        _addDummyPrefix = model.AddDummyPrefix;
        _removeExtraWhitespaces = model.RemoveExtraWhitespaces;
        _splitWords = !model.Pieces.Any(p => p.Type == SentencePieceType.Normal && HasInnerWordBoundary(p.Piece));
    }

    /// <summary>True when this encoder reproduces spm exactly for <paramref name="model"/>.</summary>
    public static bool IsSupported(SentencePieceModelFile model, out string reason)
    {
        reason = model.ModelType != "bpe" ? "only BPE models"
            : model.NormalizerName is not ("identity" or "") ? $"only the identity normalizer (model uses '{model.NormalizerName}')"
            : model.Pieces.Any(p => p.Type is SentencePieceType.UserDefined or SentencePieceType.Unused) ? "no user-defined or unused pieces"
            : model.Pieces.Any(p => p.Type == SentencePieceType.Unknown) ? "" : "an <unk> piece";
        return reason.Length == 0;
    }

    /// <summary>Appends the ids of <paramref name="text"/> (no BOS/EOS) to <paramref name="output"/>.</summary>
    public void Encode(string text, List<int> output)
    {
        var normalized = Normalize(text);
        if (!_splitWords)
        {
            if (normalized.Length > 0) AppendIds(EncodeWord(normalized), output);
            return;
        }
        var cache = _wordCache.Value!;
        var wordLookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        var start = 0;
        for (var i = 1; i <= normalized.Length; i++)
        {
            if (i < normalized.Length && !(normalized[i] == SpaceSymbol && normalized[i - 1] != SpaceSymbol)) continue;
            var word = normalized.AsSpan(start, i - start);
            if (!wordLookup.TryGetValue(word, out var ids))
            {
                ids = EncodeWord(word);
                if (cache.Count >= MaxCachedWords) cache.Clear();
                cache[word.ToString()] = ids;
            }
            AppendIds(ids, output);
            start = i;
        }
    }

    private void AppendIds(int[] ids, List<int> output)
    {
        foreach (var id in ids)
        {
            // Without byte fallback spm merges consecutive unknown pieces into one <unk>.
            if (id == _unknownId && !_byteFallback && output.Count > 0 && output[^1] == _unknownId) continue;
            output.Add(id);
        }
    }

    /// <summary>spm's normalizer.cc for the identity rule (no character map), on UTF-16 text.</summary>
    internal string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length + 1);
        var i = 0;
        if (_removeExtraWhitespaces) while (i < text.Length && text[i] == ' ') i++;
        if (i == text.Length) return "";
        if (_addDummyPrefix) builder.Append(SpaceSymbol);
        var previousWasSpace = _removeExtraWhitespaces;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                if (!(previousWasSpace && _removeExtraWhitespaces)) builder.Append(SpaceSymbol);
                previousWasSpace = true;
            }
            else
            {
                builder.Append(c);
                previousWasSpace = false;
            }
        }
        if (_removeExtraWhitespaces)
            while (builder.Length > 0 && builder[^1] == SpaceSymbol) builder.Length--;
        return builder.ToString();
    }

    private int[] EncodeWord(ReadOnlySpan<char> word)
    {
        var symbols = new SymbolList(word);
        var agenda = new PriorityQueue<(int Left, int Right, int Size), (float Score, int Left)>(PairOrder.Instance);
        for (var s = 0; s + 1 < symbols.Count; s++) TryAddPair(word, symbols, agenda, s, s + 1);
        while (agenda.TryDequeue(out var pair, out _))
        {
            // Stale entry: one side was merged away or grew since the pair was queued.
            if (symbols.Length[pair.Left] == 0 || symbols.Length[pair.Right] == 0
                || symbols.Length[pair.Left] + symbols.Length[pair.Right] != pair.Size) continue;
            symbols.Merge(pair.Left, pair.Right);
            TryAddPair(word, symbols, agenda, symbols.Prev[pair.Left], pair.Left);
            TryAddPair(word, symbols, agenda, pair.Left, symbols.Next[pair.Left]);
        }
        var ids = new List<int>(symbols.Count);
        for (var s = 0; s >= 0; s = symbols.Next[s]) AppendSymbol(word.Slice(symbols.Start[s], symbols.Length[s]), ids);
        return ids.ToArray();
    }

    private void TryAddPair(ReadOnlySpan<char> word, SymbolList symbols,
        PriorityQueue<(int, int, int), (float, int)> agenda, int left, int right)
    {
        if (left < 0 || right < 0) return;
        var size = symbols.Length[left] + symbols.Length[right];
        if (_lookup.TryGetValue(word.Slice(symbols.Start[left], size), out var id))
            agenda.Enqueue((left, right, size), (_scores[id], left));
    }

    private void AppendSymbol(ReadOnlySpan<char> symbol, List<int> ids)
    {
        if (_lookup.TryGetValue(symbol, out var id)) { ids.Add(id); return; }
        if (!_byteFallback) { ids.Add(_unknownId); return; }
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(symbol.Length)];
        var count = Encoding.UTF8.GetBytes(symbol, utf8);
        foreach (var b in utf8[..count]) ids.Add(_byteIds[b]);
    }

    private static bool HasInnerWordBoundary(string piece)
    {
        for (var i = 1; i < piece.Length; i++)
            if (piece[i] == SpaceSymbol && piece[i - 1] != SpaceSymbol) return true;
        return false;
    }
}
