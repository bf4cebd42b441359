using Prebias.Core.Analysis;
using Prebias.Core.Evaluation.Results;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;

namespace Prebias.Core.Evaluation.Jobs;

/// <summary>
/// The representation views of a checkpoint (the original's visualize_embd.py and layer-similarity view): a 2-component
/// PCA of the token embeddings and the cosine similarity between layers' attention maps on the probe input.
/// </summary>
public static class RepresentationViews
{
    /// <summary>Tokens shown in the embedding view: the whole vocabulary up to this size, else the first ids.</summary>
    public const int MaxPoints = 4096;

    public static EmbeddingView Embeddings(Transformer model, ITextTokenizer tokenizer)
    {
        var weight = model.UniqueNamedParameters().First(p => p.Name == "tok_embeddings.weight").Parameter;
        var values = weight.detach().cpu().data<float>().ToArray(); // (V, dim) row-major
        var (rows, dim) = ((int)weight.shape[0], (int)weight.shape[1]);
        var pca = PrincipalComponents.Fit<float>(values, rows, dim, 2);
        var shown = Math.Min(rows, MaxPoints);
        var points = Enumerable.Range(0, shown)
            .Select(i => new EmbeddingPoint(i, i < tokenizer.VocabSize ? tokenizer.IdToPiece(i) : $"<{i}>", pca.Projected[i * 2], pca.Projected[i * 2 + 1]))
            .ToList();
        return new EmbeddingView([pca.ExplainedVarianceRatio[0], pca.ExplainedVarianceRatio[1]], points);
    }

    public static LayerView Layers(AttentionView attention)
    {
        var (l, h, t) = ((int)attention.Shape[0], (int)attention.Shape[1], (int)attention.Shape[2]);
        var flat = AttentionLayerSimilarity.Compute(attention.Weights, l, h, t);
        return new LayerView(l, [.. Enumerable.Range(0, l).Select(i => flat.AsSpan(i * l, l).ToArray())]);
    }
}
