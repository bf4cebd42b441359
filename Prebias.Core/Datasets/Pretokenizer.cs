using Prebias.Core.Tokenization;

namespace Prebias.Core.Datasets;

/// <summary>
/// Turns documents into a token store: one row per document = start token (BOS) + text tokens + end token (EOS),
/// truncated to maxSeqLen + 1 and padded. llama2.c pretokenizes with <c>enc.encode(text.strip(), bos=True, eos=False)</c>
/// and packs the stories into one stream, so its models see the next story's BOS after each story; one story per row
/// needs the EOS instead (see <see cref="SampleTokens"/>). A story cut by the row length keeps no EOS.
/// Documents are read in chunks of <see cref="PretokenizeOptions.ChunkSize"/>, each chunk encoded in parallel and
/// written in document order, so output is identical for any thread count and memory stays bounded.
/// Rerunning overwrites the store atomically (reentrant jobs never duplicate rows).
/// </summary>
public sealed class Pretokenizer(ITextTokenizer tokenizer, PretokenizeOptions? options = null)
{
    private readonly PretokenizeOptions _options = options ?? new PretokenizeOptions();

    /// <param name="documents">Texts in document-index order (index 0, 1, ...).</param>
    /// <param name="storePath">Output token store path.</param>
    /// <param name="onChunk">Receives each chunk's samples in order (for batched inserts into the samples table).</param>
    /// <param name="progress">Reported after every chunk.</param>
    /// <param name="totalDocuments">Optional, only for progress reports.</param>
    /// <param name="ct">Checked between chunks and inside the parallel encode; the temp file is removed.</param>
    public PretokenizeResult Run(
        IEnumerable<string> documents, string storePath,
        Action<IReadOnlyList<PretokenizedSample>>? onChunk = null,
        IProgress<PretokenizeProgress>? progress = null, long? totalDocuments = null,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSeqLen, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ChunkSize, 1);
        var startId = _options.StartTokenId ?? SampleTokens.StartId(tokenizer);
        var endId = _options.AppendEndToken ? _options.EndTokenId ?? tokenizer.EosId : null;
        var padId = _options.PadId ?? tokenizer.EosId ?? 0;
        var rowLength = _options.MaxSeqLen + 1;

        using var writer = new TokenStoreWriter(storePath, rowLength, tokenizer.VocabSize, padId);
        long index = 0, train = 0, val = 0, truncated = 0, tokens = 0;
        foreach (var chunk in documents.Chunk(_options.ChunkSize))
        {
            ct.ThrowIfCancellationRequested();
            var encoded = EncodeChunk(chunk, startId, endId, ct);
            var samples = new PretokenizedSample[chunk.Length];
            for (var i = 0; i < chunk.Length; i++, index++)
            {
                var ids = encoded[i];
                var stored = writer.Append(ids);
                var split = SplitAssigner.Assign(_options.Seed, index, _options.ValFraction);
                samples[i] = new PretokenizedSample(index, index, split, ids.Length, stored, ids.Length > rowLength);
                if (split == DatasetSplit.Val) val++; else train++;
                if (ids.Length > rowLength) truncated++;
                tokens += ids.Length;
            }
            onChunk?.Invoke(samples);
            progress?.Report(new PretokenizeProgress(index, totalDocuments, tokens));
        }
        ct.ThrowIfCancellationRequested();
        var header = writer.Commit();
        return new PretokenizeResult(storePath, header, index, train, val, truncated, tokens);
    }

    private int[][] EncodeChunk(string[] texts, int startId, int? endId, CancellationToken ct)
    {
        var encoded = new int[texts.Length][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Threads), CancellationToken = ct };
        Parallel.For(0, texts.Length, parallel, i =>
        {
            var text = _options.TrimText ? texts[i].Trim() : texts[i];
            encoded[i] = SampleTokens.Compose(tokenizer, text, startId, endId);
        });
        return encoded;
    }
}
