using Prebias.Core.Evaluation;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using static TorchSharp.torch;

namespace Prebias.Tests.Evaluation;

[Collection("Sequential")]
public class GenerationEvaluatorTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    private static readonly EvaluationOptions Options = new()
    {
        Prompts = ["", "Once upon a time, there was a", "The doctor said"], MaxNewTokens = 12, SamplesPerPrompt = 2, Seed = 5,
    };

    /// <summary>Reference: full forward over the whole sequence per step, argmax of the last position, stop at EOS/BOS.</summary>
    private static (string Text, int Count) GreedyWithoutCache(Transformer model, ITextTokenizer tokenizer, string prompt, int newTokens)
    {
        var sequence = new List<int> { tokenizer.BosId!.Value };
        sequence.AddRange(tokenizer.Encode(prompt));
        var generated = 0;
        using var noGrad = no_grad();
        for (var i = 0; i < newTokens; i++)
        {
            using var scope = NewDisposeScope();
            var logits = model.Forward(tensor(sequence.Select(t => (long)t).ToArray()).view(1, -1)).Logits; // (1, T, V)
            var next = (int)logits[0, -1].argmax().item<long>();
            if (next == tokenizer.EosId || next == tokenizer.BosId) break;
            sequence.Add(next);
            generated++;
        }
        return (tokenizer.Decode(sequence.Skip(1)), generated);
    }

    [Fact]
    public void Generate_GreedyEqualsNoCacheArgmaxLoop_ForEveryPrompt()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 3);
        model.eval();
        var greedy = GenerationEvaluator.Generate(model, fixture.Tokenizer, Options).Where(g => g.Mode == GeneratedText.Greedy).ToList();
        Assert.Equal(Options.Prompts, greedy.Select(g => g.Prompt));
        foreach (var g in greedy)
        {
            var (text, count) = GreedyWithoutCache(model, fixture.Tokenizer, g.Prompt, Options.MaxNewTokens);
            Assert.Equal(text, g.Text);
            Assert.Equal(count, g.TokenCount);
            Assert.Equal(g.Text, g.Prompt + g.ContinuationText);
        }
    }

    [Fact]
    public void Generate_IsDeterministic_WhenSeedRepeats()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 3);
        var a = GenerationEvaluator.Generate(model, fixture.Tokenizer, Options);
        var b = GenerationEvaluator.Generate(model, fixture.Tokenizer, Options);
        var c = GenerationEvaluator.Generate(model, fixture.Tokenizer, Options with { Seed = 6 });
        Assert.Equal(a, b);
        Assert.Equal(3 + 3 * 2, a.Count); // one greedy per prompt, two samples per prompt
        Assert.Equal(new[] { 0, 1, 0, 1, 0, 1 }, a.Where(g => g.Mode == GeneratedText.Sample).Select(g => g.SampleIndex));
        // An untrained model spreads probability over the top 40: 6 × 12 draws cannot all repeat with another seed.
        Assert.NotEqual(a.Where(g => g.Mode == GeneratedText.Sample).Select(g => g.Text),
            c.Where(g => g.Mode == GeneratedText.Sample).Select(g => g.Text));
    }

    [Fact]
    public void Run_ScoresEachContinuationAndAveragesPerMetric()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 3);
        var scorer = new TextMetricsScorer();
        var result = new GenerationEvaluator(scorer).Run(model, fixture.Tokenizer, Options);

        Assert.Equal(MetricRegistry.TextMetrics.Select(m => m.Name), result.Metrics.Select(m => m.Name));
        for (var i = 0; i < result.Generations.Count; i++)
            Assert.Equal(scorer.Score(result.Generations[i].ContinuationText, result.Generations[i].TokenCount), result.Scores.AsSpan(i * result.Metrics.Count, result.Metrics.Count).ToArray());
        var columns = result.Metrics.Count;
        for (var c = 0; c < columns; c++)
        {
            var values = Enumerable.Range(0, result.Generations.Count).Select(i => result.Scores[i * columns + c]).Where(v => !double.IsNaN(v)).ToList();
            var greedyValues = Enumerable.Range(0, 3).Select(i => result.Scores[i * columns + c]).Where(v => !double.IsNaN(v)).ToList();
            Assert.Equal(values.Count == 0 ? double.NaN : values.Average(), result.Mean[c], 1e-12);
            Assert.Equal(greedyValues.Count == 0 ? double.NaN : greedyValues.Average(), result.MeanByMode[GeneratedText.Greedy][c], 1e-12);
        }
        Assert.Equal(result.Scores.Where((_, k) => k % result.Metrics.Count == 0).Average(), result.Mean[0], 12);
    }
}
