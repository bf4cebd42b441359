using Prebias.Core.Evaluation;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Tests.Evaluation;

/// <summary>
/// One saved checkpoint of the tiny model, evaluated twice: the second evaluation skips the parts whose files the
/// first wrote and still returns the same results; the val loss equals today's row-batched evaluator, and results do
/// not depend on the thread count an evaluation borrows.
/// </summary>
[Collection("Sequential")]
public sealed class CheckpointEvaluatorTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>, IDisposable
{
    private static readonly EvaluationOptions Options = new()
    {
        Prompts = ["", "The doctor said"], MaxNewTokens = 10, SamplesPerPrompt = 1, Seed = 5,
    };

    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "prebias-ckpt-eval-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private (List<IReadOnlyList<int>> Rows, List<int> Lengths) ValRows()
    {
        var rows = fixture.Stories.Take(24)
            .Select(s => (IReadOnlyList<int>)[fixture.Tokenizer.BosId!.Value, .. fixture.Tokenizer.Encode(s)]).ToList();
        return (rows, rows.ConvertAll(r => r.Count));
    }

    private string SaveCheckpoint(Transformer model)
    {
        using var optimizer = OptimizerFactory.CreateAdamW(model, new TrainingOptions());
        CheckpointStore.Save(_directory, model, optimizer, step: 1);
        return _directory;
    }

    [Fact]
    public void Evaluate_SkipsWrittenParts_AndReturnsTheSameResults_WhenRunAgain()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 3);
        var directory = SaveCheckpoint(model);
        var (rows, lengths) = ValRows();
        var evaluator = new CheckpointEvaluator(fixture.Tokenizer, Options, new TextMetricsScorer());
        var empty = new Dictionary<string, double?>();

        var firstParts = new EvaluationPartTimer();
        var first = evaluator.Evaluate(Guid.Empty, 1, model, directory, rows, lengths, empty, empty, default,
            firstParts);
        var secondParts = new EvaluationPartTimer();
        var second = evaluator.Evaluate(Guid.Empty, 1, model, directory, rows, lengths, empty, empty, default,
            secondParts);

        Assert.Contains("in_context", firstParts.Seconds.Keys);
        Assert.Contains("representations", firstParts.Seconds.Keys);
        Assert.DoesNotContain("in_context", secondParts.Seconds.Keys);
        Assert.DoesNotContain("representations", secondParts.Seconds.Keys);
        Assert.Contains("generations", secondParts.Seconds.Keys);
        Assert.Equal(first.Evaluation.ExplainedVariance1, second.Evaluation.ExplainedVariance1);
        Assert.Equal(first.Evaluation.ExplainedVariance2, second.Evaluation.ExplainedVariance2);
        Assert.Equal(first.Evaluation.ValLoss, second.Evaluation.ValLoss);
        Assert.Equal(first.Generations.Select(g => g.Text), second.Generations.Select(g => g.Text));
        Assert.NotNull(CheckpointStore.ReadManifest(directory)); // the folder still verifies
    }

    [Fact]
    public void Evaluate_ValLossAndKWordAccuracy_EqualTheSeparateRowBatchedEvaluators()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 3);
        var directory = SaveCheckpoint(model);
        var (rows, lengths) = ValRows();
        var empty = new Dictionary<string, double?>();
        var result = new CheckpointEvaluator(fixture.Tokenizer, Options, new TextMetricsScorer())
            .Evaluate(Guid.Empty, 1, model, directory, rows, lengths, empty, empty, default);

        var separate = new PerplexityEvaluator(model, batchSize: 16).Evaluate(rows, lengths);
        Assert.Equal(separate.MeanLoss, result.Evaluation.ValLoss!.Value, 1e-6);
        var accuracy = new KWordAccuracyEvaluator(model, KWordAccuracyEvaluator.WordStarts(fixture.Tokenizer), 16)
            .Evaluate(rows, lengths, default);
        var records = accuracy.ToRecords(Guid.Empty, 1).ToList();
        Assert.NotEmpty(records);
        foreach (var record in records)
            Assert.Equal(record.Output, result.Metrics.Single(m => m.Metric == record.Metric).Output);
    }

    [Fact]
    public void Generations_AndValLoss_DoNotDependOnTheTorchThreadCount()
    {
        using var model = new Transformer(EvaluationFixture.TinyArgs, seed: 3);
        var (rows, lengths) = ValRows();
        var before = get_num_threads();
        try
        {
            set_num_threads(1);
            var one = GenerationEvaluator.Generate(model, fixture.Tokenizer, Options);
            var oneLoss = new PerplexityEvaluator(model, 128).Evaluate(rows, lengths).MeanLoss;
            set_num_threads(2);
            var two = GenerationEvaluator.Generate(model, fixture.Tokenizer, Options);
            var twoLoss = new PerplexityEvaluator(model, 128).Evaluate(rows, lengths).MeanLoss;
            Assert.Equal(one, two);
            Assert.Equal(oneLoss, twoLoss, 1e-6);
        }
        finally
        {
            set_num_threads(before);
        }
    }
}
