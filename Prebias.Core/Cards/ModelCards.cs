using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Analysis;
using Prebias.Core.ContentIds;
using Prebias.Core.Domain;
using Prebias.Core.Modeling;
using Prebias.Core.Persistence;
using static Prebias.Core.Cards.Card;
using static Prebias.Core.Cards.DataCards;

namespace Prebias.Core.Cards;

/// <summary>
/// Model cards (Hugging Face model-card format, with a <c>model-index</c> of evaluation results) for a run's
/// checkpoint: architecture, training config, seeds, order and dataset content ids, evaluation results with 95%
/// bootstrap intervals, bias probe results with theirs, and limits. A run's card is its latest checkpoint's.
/// </summary>
public sealed class ModelCards(PrebiasDbContext db, ContentIdIndex ids)
{
    private static readonly BootstrapOptions Bootstrap = new() { Resamples = 2000 };

    /// <summary>
    /// The card of <paramref name="step"/> (null: the latest checkpoint); null when run or step is unknown.
    /// </summary>
    public async Task<Card?> CheckpointAsync(Guid runId, long? step, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return null;
        var checkpoint = await db.Checkpoints.AsNoTracking()
            .Where(c => c.RunId == runId && (step == null || c.Step == step))
            .OrderByDescending(c => c.Step).FirstOrDefaultAsync(ct);
        if (step is not null && checkpoint is null) return null;
        var at = checkpoint?.Step ?? 0;
        var contentId = checkpoint is null ? null : await ids.IdOfAsync(ContentKind.Checkpoint, runId, at, ct);
        var orderId = await ids.IdOfAsync(ContentKind.Order, runId, 0, ct);
        var datasetId = await ids.IdOfAsync(ContentKind.Dataset, run.DatasetId, 0, ct);
        var args = ModelSection.Args(run);
        var evaluation = await db.Evaluations.AsNoTracking()
            .SingleOrDefaultAsync(e => e.RunId == runId && e.Step == at, ct);
        var outputs = await OutputMetricsAsync(runId, at, ct);
        var bias = await BiasAsync(runId, at, ct);

        var body = new StringBuilder()
            .AppendLine($"# {(run.Name is { } name ? Quote(name) : $"Run {runId:N}")} at step {at}").AppendLine()
            .AppendLine("A Llama 2 architecture model (llama2.c's model.py) trained by Prebias.").AppendLine()
            .AppendLine($"- Checkpoint content id: `{contentId ?? "(no checkpoint yet)"}`")
            .AppendLine($"- Order id: `{orderId ?? "?"}`; dataset id: `{datasetId ?? "?"}`")
            .AppendLine($"- Seeds: init {run.Seed}; ordering {OrderSeed(run.Ordering.Seed)}")
            .AppendLine($"- Tokens seen: {checkpoint?.TokensSeen ?? 0}; samples seen: {checkpoint?.SamplesSeen ?? 0}")
            .AppendLine();
        ModelSection.Append(body, run, args);
        body.AppendLine("## Evaluation results").AppendLine();
        if (evaluation is null)
            body.AppendLine("This checkpoint is not evaluated (POST /api/runs/{id}/evaluations).").AppendLine();
        else
        {
            body.AppendLine($"- Validation loss {Num(evaluation.ValLoss)}, " +
                $"perplexity {Num(evaluation.ValPerplexity)} " +
                "(mean over the evaluation's validation batches; the per-sample losses are not stored, " +
                "so no interval).")
                .AppendLine();
            if (outputs.Count > 0)
            {
                body.AppendLine("Output metrics of the checkpoint's generations, rescored here: mean and 95% " +
                    "percentile " +
                    $"bootstrap interval over the n generations (B = {Bootstrap.Resamples}).").AppendLine()
                    .AppendLine("| metric | n | mean | 95% CI |").AppendLine("| --- | --- | --- | --- |");
                foreach (var (metric, n, ci) in outputs)
                    body.AppendLine($"| {metric} | {n} | {Num(ci.Estimate)} | {Interval(ci)} |");
                body.AppendLine();
            }
        }
        body.AppendLine("## Bias probes").AppendLine();
        if (bias.Count == 0) body.AppendLine("No bias probe results for this checkpoint.").AppendLine();
        else
        {
            body.AppendLine("Baseline-adjusted log-probability ratios per occupation; the mean's 95% percentile " +
                $"bootstrap interval is over the n occupations (B = {Bootstrap.Resamples}). " +
                "minimal_pairs is the share of pairs where " +
                "the stereotyped sentence is more likely.").AppendLine()
                .AppendLine("| probe | n | mean | 95% CI |").AppendLine("| --- | --- | --- | --- |");
            foreach (var (probe, n, ci) in bias)
                body.AppendLine($"| {probe} | {n} | {Num(ci.Estimate)} | {Interval(ci)} |");
            body.AppendLine();
        }
        body.AppendLine("## Limits").AppendLine()
            .AppendLine("- A small model trained on a small, often synthetic corpus: for studying how data " +
                "shapes models, " +
                "not for use in products.")
            .AppendLine("- Results are of one run and one seed; compare orders across seeds with an experiment.")
            .AppendLine("- Bias probes use fixed English templates and occupation lists; they measure pronoun " +
                "preferences in those templates only.").AppendLine();

        var metrics = new List<object?>();
        if (evaluation?.ValLoss is { } loss) metrics.Add(Metric("loss", "validation loss", loss));
        if (evaluation?.ValPerplexity is { } ppl) metrics.Add(Metric("perplexity", "validation perplexity", ppl));
        metrics.AddRange(outputs.Select(o => Metric(o.Metric, $"output {o.Metric}", o.Ci.Estimate)));
        metrics.AddRange(bias.Select(b => Metric(b.Probe, $"bias {b.Probe}", b.Ci.Estimate)));
        return new Card(
        [
            Field("language", new[] { "en" }),
            Field("license", "apache-2.0"),
            Field("library_name", "transformers"),
            Field("pipeline_tag", "text-generation"),
            Field("tags", new[] { "prebias", "llama", "llama2.c" }),
            Field("datasets", datasetId is null ? null : new[] { datasetId }),
            Field("content_id", contentId),
            Field("order_id", orderId),
            Field("dataset_id", datasetId),
            Field("step", at),
            Field("seed", run.Seed),
            Field("model-index", new[]
            {
                new[]
                {
                    Field("name", run.Name ?? $"prebias-{runId:N}"),
                    Field("results", metrics.Count == 0 ? null : new[]
                    {
                        new[]
                        {
                            Field("task", new[] { Field("type", "text-generation") }),
                            Field("dataset", new[] { Field("name", datasetId ?? "validation split"),
                                Field("type", "prebias-dataset"), Field("split", "validation") }),
                            Field("metrics", metrics),
                        },
                    }),
                },
            }),
        ], body.ToString());
    }

    private async Task<List<(string Metric, int N, BootstrapInterval Ci)>> OutputMetricsAsync(
        Guid runId, long step, CancellationToken ct)
    {
        var texts = await db.Generations.AsNoTracking().Where(g => g.RunId == runId && g.Step == step)
            .OrderBy(g => g.Index).Select(g => g.Text).ToListAsync(ct);
        if (texts.Count == 0) return [];
        var stored = await db.CheckpointMetrics.AsNoTracking()
            .Where(m => m.RunId == runId && m.Step == step && m.Output != null)
            .Select(m => m.Metric).ToListAsync(ct);
        return OutputIntervals.Compute(texts, stored, Bootstrap);
    }

    private async Task<List<(string Probe, int N, BootstrapInterval Ci)>> BiasAsync(
        Guid runId, long step, CancellationToken ct)
    {
        var scores = await db.BiasScores.AsNoTracking().Where(b => b.RunId == runId && b.Step == step).ToListAsync(ct);
        var result = new List<(string, int, BootstrapInterval)>();
        foreach (var probe in scores.GroupBy(s => s.Probe).OrderBy(g => g.Key))
        {
            // Per-occupation rows; the summary rows start with '_' and are what the intervals summarise.
            var values = probe.Where(s => !s.Subject.StartsWith('_')).Select(s => s.Score).ToArray();
            if (values.Length > 0) result.Add((probe.Key, values.Length, BootstrapConfidence.Mean(values, Bootstrap)));
            else if (probe.FirstOrDefault() is { } summary)
                result.Add((probe.Key, 1,
                    new BootstrapInterval(summary.Score, double.NaN, double.NaN, 0.95, 0, IsDefined: false)));
        }
        return result;
    }

    private static KeyValuePair<string, object?>[] Metric(string type, string name, double value) =>
        [Field("type", type), Field("name", name), Field("value", value)];

    private static string OrderSeed(long? seed) => seed?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Interval(BootstrapInterval ci) => ci.IsDefined ? $"[{Num(ci.Lower)}, {Num(ci.Upper)}]" : "-";
}
