using System.Collections.Concurrent;
using Prebias.Core.Corpora;
using Prebias.Core.Datasets;
using Prebias.Core.Tokenization;

namespace Prebias.Core.Branches;

/// <summary>
/// Token rows of gender-swapped samples, made on the fly the way the dataset job makes rows (BOS + tokens of the
/// trimmed text + EOS, cut to the row length, padded) and cached. Sample id = document index.
/// </summary>
public sealed class GenderSwappedRows(CorpusReader corpus, ITextTokenizer tokenizer, int rowLength, int padId)
{
    private readonly ConcurrentDictionary<int, (long[] Row, int Length)> _rows = new();

    public (long[] Row, int Length) Get(int sampleId) => _rows.GetOrAdd(sampleId, id =>
    {
        var text = GenderSwap.Apply(corpus.Get(id).Text.Trim());
        var tokens = SampleTokens.Compose(tokenizer, text, SampleTokens.StartId(tokenizer), tokenizer.EosId).Take(rowLength).ToArray();
        var row = new long[rowLength];
        Array.Fill(row, padId);
        for (var i = 0; i < tokens.Length; i++) row[i] = tokens[i];
        return (row, tokens.Length);
    });
}
