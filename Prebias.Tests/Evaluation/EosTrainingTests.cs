using Prebias.Core.Datasets;
using Prebias.Core.Evaluation;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Prebias.Tests.Evaluation;

[Collection("Sequential")]
public class EosTrainingTests(EvaluationFixture fixture, ITestOutputHelper output) : IClassFixture<EvaluationFixture>
{
    private const int Steps = 150;
    private const int BatchSize = 32;
    private const int Length = 40; // T: a short story of one or two sentences fits with its EOS
    private const int Cap = 36;

    [Fact]
    public void Generate_EndsGreedyGenerationsWithEos_AfterTrainingOnSamplesThatEndWithEos()
    {
        // Tiny stories: the first sentence or two of each synthetic story, each a sample as the dataset job writes it.
        var tokenizer = fixture.Tokenizer;
        var rows = fixture.Stories
            .Select(story => string.Join(". ", story.Split(". ").Take(1)) + ".")
            .Select(text => SampleTokens.Compose(tokenizer, text, SampleTokens.StartId(tokenizer), tokenizer.EosId))
            .Where(row => row.Length <= Length + 1)
            .ToArray();
        Assert.True(rows.Length > 500, $"{rows.Length} short samples");
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 1);
        var options = new TrainingOptions
        {
            BatchSize = BatchSize, GradientAccumulationSteps = 1, MaxIters = Steps, LearningRate = 1e-2, WarmupIters = 5,
            DecayLr = false, WeightDecay = 0, EvalInterval = 1000, Seed = 3, Threads = 2, Device = "cpu",
        };
        using var trainer = new Trainer(model, options);
        var random = new Random(5);
        for (var step = 0; step < Steps; step++) trainer.Step(_ => Batch(rows, random));

        var evaluation = new EvaluationOptions
        {
            Prompts = ["", "Once upon a time", "One day", "Lily", "Tom", "The dog", "A little girl", "The sun", "There was a", "Mia"],
            MaxNewTokens = Cap, SamplesPerPrompt = 0,
        };
        var generations = GenerationEvaluator.Generate(model, tokenizer, evaluation);
        foreach (var g in generations) output.WriteLine($"{g.EndedWithEos} {g.TokenCount}: {g.Text}");
        var ended = generations.Count(g => g.EndedWithEos && g.TokenCount < Cap);
        Assert.True(ended >= 0.9 * generations.Count, $"{ended} of {generations.Count} greedy generations ended with EOS before the cap");
    }

    // Inputs are a row's first T tokens, targets the next T; targets past the row's end get the ignore index −1,
    // so the last target of each row is its EOS.
    private static TokenBatch Batch(int[][] rows, Random random)
    {
        var inputs = new long[BatchSize * Length];
        var targets = new long[BatchSize * Length];
        Array.Fill(targets, -1L);
        for (var b = 0; b < BatchSize; b++)
        {
            var row = rows[random.Next(rows.Length)];
            for (var t = 0; t + 1 < row.Length; t++)
            {
                inputs[b * Length + t] = row[t];
                targets[b * Length + t] = row[t + 1];
            }
        }
        return new TokenBatch(tensor(inputs, [BatchSize, Length]), tensor(targets, [BatchSize, Length]));
    }
}
