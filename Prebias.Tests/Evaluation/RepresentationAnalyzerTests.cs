using Prebias.Core.Evaluation;
using Prebias.Core.Modeling;

namespace Prebias.Tests.Evaluation;

[Collection("Sequential")]
public class RepresentationAnalyzerTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    [Fact]
    public void EmbeddingPca_ReturnsTwoComponentsAndAPointPerToken_WhenNoFrequencies()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 2);
        var projection = RepresentationAnalyzer.EmbeddingPca(model, fixture.Tokenizer);
        Assert.Equal(2, projection.ExplainedVarianceRatio.Length);
        Assert.Equal(512, projection.Points.Count);
        Assert.True(projection.ExplainedVarianceRatio.Sum() <= 1 + 1e-12);
        Assert.True(projection.ExplainedVarianceRatio[0] >= projection.ExplainedVarianceRatio[1]);
        Assert.True(projection.ExplainedVarianceRatio[1] > 0);
        Assert.Equal(fixture.Tokenizer.IdToPiece(100), projection.Points[100].Piece);
        // Projections are centred: the mean of each coordinate over all tokens is 0.
        Assert.Equal(0, projection.Points.Average(p => p.X), 1e-6);
    }

    [Fact]
    public void EmbeddingPca_KeepsTheMostFrequentTokens_WhenFrequenciesGiven()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 2);
        var frequencies = new long[512];
        frequencies[7] = 50;
        frequencies[300] = 90;
        frequencies[42] = 50;
        var all = RepresentationAnalyzer.EmbeddingPca(model, fixture.Tokenizer);
        var top = RepresentationAnalyzer.EmbeddingPca(model, fixture.Tokenizer, frequencies, topTokens: 3);
        Assert.Equal(new[] { 300, 7, 42 }, top.Points.Select(p => p.Id)); // ties broken by id
        Assert.Equal(new long?[] { 90, 50, 50 }, top.Points.Select(p => p.Frequency));
        Assert.Equal(all.Points[300].X, top.Points[0].X); // same fit, fewer points
        Assert.Equal(all.ExplainedVarianceRatio, top.ExplainedVarianceRatio);
    }

    [Fact]
    public void LayerSimilarity_IsSymmetricWithUnitDiagonal_ForProbeAttention()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 2);
        var maps = RepresentationAnalyzer.ProbeAttention(model, fixture.Tokenizer);
        var length = maps.Length;
        Assert.Equal(fixture.Tokenizer.BosId, maps.Tokens[0]);
        Assert.Equal(2 * 4 * length * length, maps.Weights.Length);
        // Row q of each map is a softmax over keys 0..q: sums to 1, zero above the diagonal.
        Assert.Equal(1f, maps.Weights.AsSpan(length * 3, length).ToArray().Sum(), 1e-5);
        Assert.Equal(0f, maps.Weights[1]);

        var similarity = RepresentationAnalyzer.LayerSimilarity(maps);
        Assert.Equal(4, similarity.Matrix.Length);
        Assert.Equal(1, similarity.Matrix[0], 1e-9);
        Assert.Equal(1, similarity.Matrix[3], 1e-9);
        Assert.Equal(similarity.Matrix[1], similarity.Matrix[2]);
        Assert.InRange(similarity.Matrix[1], 0, 1);
        Assert.Equal(4 * 2 * 2, similarity.PerHead.Length);
    }
}
