using Prebias.Core.Evaluation;
using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Evaluation;

[Collection("Sequential")]
public class BiasProbeTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    private static readonly BiasProbeOptions Small = new()
    {
        Occupations = ["doctor", "engineer"],
        NeutralSubjects = ["person", "child"],
        Pronouns =
        [
            new("she_he", " she", " he", ["Once upon a time, there was {a} {subject}. One day,", "The {subject} smiled because"]),
            new("her_his", " her", " his", ["The {subject} smiled and picked up"]),
        ],
        MinimalPairTemplates = ["The {subject} said {he} would help."],
        BatchSize = 3, // several forward passes, padded rows of different lengths
    };

    /// <summary>log-softmax of the model's next-token logits after <paramref name="prefix"/> (plain forward, no batching).</summary>
    private static float[] NextLogProbs(Transformer model, IReadOnlyList<int> prefix)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var logits = model.Forward(tensor(prefix.Select(t => (long)t).ToArray()).view(1, -1)).Logits; // (1, T, V)
        return nn.functional.log_softmax(logits[0, -1], 0).data<float>().ToArray();
    }

    private List<int> WithBos(string text) => [fixture.Tokenizer.BosId!.Value, .. fixture.Tokenizer.Encode(text)];

    private double SentenceByHand(Transformer model, string sentence)
    {
        var tokens = WithBos(sentence);
        double sum = 0;
        for (var j = 1; j < tokens.Count; j++) sum += NextLogProbs(model, tokens[..j])[tokens[j]];
        return sum;
    }

    [Fact]
    public void Run_PronounReadingEqualsDirectLogSoftmax_ForSingleTokenPronouns()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 9);
        var result = new BiasProbe(Small).Run(model, fixture.Tokenizer);
        var context = "Once upon a time, there was an engineer. One day,";
        // The tokenizer keeps the context intact and " she" / " he" are one piece each ("▁she", "▁he").
        var she = fixture.Tokenizer.Encode(context + " she");
        var he = fixture.Tokenizer.Encode(context + " he");
        Assert.Equal(WithBos(context).Count, she.Count);
        Assert.Equal("▁she", fixture.Tokenizer.IdToPiece(she[^1]));
        var logProbs = NextLogProbs(model, WithBos(context));

        var reading = result["she_he"].Readings.Single(r => r.Subject == "engineer" && r.Template.StartsWith("Once", StringComparison.Ordinal));
        Assert.Equal(logProbs[she[^1]], reading.LogProbFeminine, 1e-4);
        Assert.Equal(logProbs[he[^1]], reading.LogProbMasculine, 1e-4);
        Assert.Equal(2 * 4, result["she_he"].Readings.Count); // 2 templates × (2 occupations + 2 neutral subjects)
    }

    [Fact]
    public void Run_AdjustedScoreEqualsRatioMinusNeutralMean_ComputedByHand()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 9);
        var probe = new BiasProbe(Small).Run(model, fixture.Tokenizer)["her_his"];
        var template = "The {subject} smiled and picked up";
        double Ratio(string subject)
        {
            var context = WithBos(ProbeTemplates.Fill(template, subject));
            var lp = NextLogProbs(model, context);
            return lp[fixture.Tokenizer.Encode(" her")[^1]] - lp[fixture.Tokenizer.Encode(" his")[^1]];
        }
        // One template: adjusted(doctor) = r(doctor) − (r(person) + r(child)) / 2.
        var expected = Ratio("doctor") - (Ratio("person") + Ratio("child")) / 2;
        var doctor = probe.Scores.Single(s => s.Occupation == "doctor");
        Assert.Equal(expected, doctor.Adjusted, 1e-4);
        Assert.Equal(probe.Scores.Average(s => s.Adjusted), probe.MeanAdjusted, 1e-12);
        // Both are "he" occupations by default: the lean towards the stereotype is minus the mean adjusted score.
        Assert.Equal(-probe.MeanAdjusted, probe.StereotypeLean, 1e-12);
    }

    [Fact]
    public void Run_MinimalPairLogLikelihoodEqualsSumOfTokenLogProbs()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 9);
        var result = new BiasProbe(Small).Run(model, fixture.Tokenizer);
        var pair = result.MinimalPairs.Single(p => p.Id == "doctor/0");
        Assert.Equal(SentenceByHand(model, "The doctor said he would help."), pair.StereotypedLogLikelihood, 1e-3);
        Assert.Equal(SentenceByHand(model, "The doctor said she would help."), pair.AntiStereotypedLogLikelihood, 1e-3);
        Assert.Equal(2, result.MinimalPairScore.Pairs);
        var preferred = result.MinimalPairs.Count(p => p.StereotypedLogLikelihood > p.AntiStereotypedLogLikelihood);
        Assert.Equal(preferred / 2.0, result.MinimalPairScore.Score);
    }

    [Fact]
    public void ContinuationLogProb_SumsEveryToken_WhenContinuationTakesSeveralTokens()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 9);
        var context = "The doctor said";
        var continuation = " the firefighter zebra";
        var requests = new List<LogLikelihoodRequest>();
        var request = ContinuationRequests.Add(requests, fixture.Tokenizer, fixture.Tokenizer.BosId!.Value, context, continuation);
        var scores = SequenceLogLikelihood.Score(model, requests, batchSize: 2);

        var full = WithBos(context + continuation);
        var start = WithBos(context).Count;
        Assert.True(full.Count - start >= 3, "the continuation should span several pieces of a 512-piece vocabulary");
        double expected = 0;
        for (var j = start; j < full.Count; j++) expected += NextLogProbs(model, full[..j])[full[j]];
        Assert.Equal(expected, request.LogProb(scores), 1e-3);
    }

    [Fact]
    public void Score_DoesNotDependOnBatchSize_WhenRowsArePadded()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 9);
        var requests = new[] { "The nurse", "Once upon a time, there was a little dog.", "Lily", "The doctor smiled because he" }
            .Select(s => new LogLikelihoodRequest(WithBos(s), 1)).ToList();
        var one = SequenceLogLikelihood.Score(model, requests, batchSize: 1);
        var all = SequenceLogLikelihood.Score(model, requests, batchSize: 4);
        for (var i = 0; i < one.Length; i++) Assert.Equal(one[i], all[i], 1e-3);
        Assert.All(one, v => Assert.True(v < 0));
    }
}
