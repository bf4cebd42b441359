using Prebias.Core.Analysis;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using static TorchSharp.torch;

namespace Prebias.Core.Evaluation;

/// <summary>The representation views of a checkpoint (embedding PCA, attention maps, layer similarity).</summary>
public static class RepresentationAnalyzer
{
    private const string EmbeddingName = "tok_embeddings.weight";

    /// <summary>
    /// 2-component PCA of <c>tok_embeddings.weight</c> (V × dim) with <see cref="PrincipalComponents.Fit"/>.
    /// </summary>
    /// <param name="tokenFrequencies">Optional count per token id (length V), e.g. from the token store.</param>
    /// <param name="topTokens">With frequencies: keep the points of this many most frequent tokens (ties by id).</param>
    public static EmbeddingProjection EmbeddingPca(Transformer model, ITextTokenizer tokenizer,
        IReadOnlyList<long>? tokenFrequencies = null, int? topTokens = null)
    {
        float[] matrix;
        long rows, columns;
        using (no_grad())
        using (NewDisposeScope())
        {
            var weight = model.named_parameters().First(p => p.name == EmbeddingName).parameter; // (V, dim)
            (rows, columns) = (weight.shape[0], weight.shape[1]);
            matrix = weight.detach().to_type(ScalarType.Float32).cpu().data<float>().ToArray();
        }
        if (tokenFrequencies is not null && tokenFrequencies.Count != rows)
            throw new ArgumentException($"{tokenFrequencies.Count} frequencies for a vocabulary of {rows}", nameof(tokenFrequencies));
        var pca = PrincipalComponents.Fit<float>(matrix, (int)rows, (int)columns, components: 2);

        IEnumerable<int> ids = Enumerable.Range(0, (int)rows);
        if (tokenFrequencies is not null && topTokens is { } n)
            ids = ids.OrderByDescending(i => tokenFrequencies[i]).ThenBy(i => i).Take(n);
        var points = ids.Select(i => new ProjectedToken(i, i < tokenizer.VocabSize ? tokenizer.IdToPiece(i) : "",
            pca.Projected[i * 2], pca.Projected[i * 2 + 1], tokenFrequencies?[i])).ToList();
        return new EmbeddingProjection(pca.ExplainedVarianceRatio, pca.ExplainedVariance, points);
    }

    /// <summary>Attention weights of BOS + <paramref name="text"/> (default: <see cref="AttentionProbe.Text"/>, the
    /// probe saved with every checkpoint), cut to 64 tokens and max_seq_len.</summary>
    public static AttentionMaps ProbeAttention(Transformer model, ITextTokenizer tokenizer, string? text = null)
    {
        int[] ids = text is null
            ? AttentionProbe.Tokens(tokenizer, model.Args.MaxSeqLen)
            : [.. new[] { SequenceStart.Of(tokenizer) }.Concat(tokenizer.Encode(text)).Take(Math.Min(64, model.Args.MaxSeqLen))];
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var input = tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Length], device: model.Device);
            var weights = model.AttentionWeights(input).select(1, 0).to_type(ScalarType.Float32).cpu(); // (L, 1, H, T, T) → (L, H, T, T)
            return new AttentionMaps((int)weights.shape[0], (int)weights.shape[1], ids,
                ids.Select(tokenizer.IdToPiece).ToArray(), weights.data<float>().ToArray());
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Layer × layer cosine similarity of the maps, whole layers and per head.</summary>
    public static LayerSimilarity LayerSimilarity(AttentionMaps maps) => new(maps.Layers, maps.Heads,
        AttentionLayerSimilarity.Compute(maps.Weights, maps.Layers, maps.Heads, maps.Length),
        AttentionLayerSimilarity.ComputePerHead(maps.Weights, maps.Layers, maps.Heads, maps.Length));
}
