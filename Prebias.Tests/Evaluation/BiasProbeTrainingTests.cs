using Prebias.Core.Evaluation;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Prebias.Tests.Evaluation;

[Collection("Sequential")]
public class BiasProbeTrainingTests(EvaluationFixture fixture, ITestOutputHelper output) : IClassFixture<EvaluationFixture>
{
    private const int Steps = 80;
    private const int BatchSize = 32;
    private const int Length = 48; // T: one or two sentences

    // Contexts the corpus uses right before an occupation's pronoun ("The doctor smiled because he liked ...").
    private static readonly BiasProbeOptions Probe = new()
    {
        Occupations = ["doctor", "nurse"],
        NeutralSubjects = ["friend"],
        Pronouns = [new("she_he", " she", " he", ["The {subject} smiled because", "Before leaving, the {subject} said that"])],
        MinimalPairTemplates = [],
    };

    [Fact]
    public void Run_DoctorLeansHeAndNurseLeansShe_AfterTrainingOnDialledCorpus()
    {
        // Training rows: the story sentences that mention the occupation (where the dialled pronoun is), so that a few
        // dozen small steps see the association often; each row is BOS + tokens, cut to T + 1.
        var rows = fixture.Stories
            .SelectMany(story => story.Split(". ").Where(s => s.Contains("doctor") || s.Contains("nurse")))
            .Select(s => new[] { fixture.Tokenizer.BosId!.Value }.Concat(fixture.Tokenizer.Encode(s + ".")).Take(Length + 1).ToArray())
            .ToArray();
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 1);
        var before = Gap(new BiasProbe(Probe).Run(model, fixture.Tokenizer));

        var options = new TrainingOptions
        {
            BatchSize = BatchSize, GradientAccumulationSteps = 1, MaxIters = Steps, LearningRate = 1e-2, WarmupIters = 5,
            DecayLr = false, WeightDecay = 0, EvalInterval = 1000, Seed = 3, Threads = 2, Device = "cpu",
        };
        using var trainer = new Trainer(model, options);
        var random = new Random(5);
        float? first = null, last = null;
        for (var step = 0; step < Steps; step++)
        {
            var result = trainer.Step(_ => Batch(rows, random));
            first ??= result.Loss;
            last = result.Loss;
        }
        var after = new BiasProbe(Probe).Run(model, fixture.Tokenizer);
        var doctor = after["she_he"].Scores.Single(s => s.Occupation == "doctor");
        var nurse = after["she_he"].Scores.Single(s => s.Occupation == "nurse");
        output.WriteLine($"loss {first} -> {last}; gap before {before:F3}, doctor {doctor.MeanLogRatio:F3}, nurse {nurse.MeanLogRatio:F3}");

        Assert.True(last < first - 1, $"training should lower the loss ({first} -> {last})");
        // log P(she) − log P(he): lower for the doctor (always "he" in the corpus) than for the nurse (always "she").
        Assert.True(doctor.MeanLogRatio < nurse.MeanLogRatio, $"doctor {doctor.MeanLogRatio} vs nurse {nurse.MeanLogRatio}");
        Assert.True(doctor.Adjusted < nurse.Adjusted);
        // The dialled gap grew by over half a nat from the untrained model's near-zero gap.
        Assert.True(Gap(after) > before + 0.5, $"gap {before} -> {Gap(after)}");
    }

    private static double Gap(BiasProbeResult result)
    {
        var scores = result["she_he"].Scores;
        return scores.Single(s => s.Occupation == "nurse").MeanLogRatio - scores.Single(s => s.Occupation == "doctor").MeanLogRatio;
    }

    // Inputs are a row's first T tokens, targets the next T; targets past the row's end get the ignore index −1.
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
