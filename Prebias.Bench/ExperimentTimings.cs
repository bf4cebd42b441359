using System.Globalization;
using System.Text.Json;
using Prebias.Workers.Demo;

namespace Prebias.Bench;

/// <summary>
/// Where an experiment's time went, read back from the API: each run's training span and tokens, each evaluation
/// job's span and its per-part seconds (the <c>name=seconds</c> pairs of the job's final message).
/// </summary>
public sealed record ExperimentTimings(
    double TrainingSeconds, double TrainingSpanSeconds, long Tokens, double EvaluationSeconds,
    IReadOnlyDictionary<string, double> EvaluationParts, int EvaluationJobCount)
{
    public static async Task<ExperimentTimings> ReadAsync(PrebiasClient client, IReadOnlyList<string> runIds,
        CancellationToken ct)
    {
        double training = 0;
        long tokens = 0;
        DateTimeOffset? first = null, last = null;
        foreach (var id in runIds)
        {
            var run = await client.GetAsync($"api/runs/{id}", ct);
            var started = run.GetProperty("startedAt").GetDateTimeOffset();
            var completed = run.GetProperty("completedAt").GetDateTimeOffset();
            training += (completed - started).TotalSeconds;
            first = first is null || started < first ? started : first;
            last = last is null || completed > last ? completed : last;
            var checkpoints = await client.GetAsync($"api/runs/{id}/checkpoints", ct);
            tokens += checkpoints.EnumerateArray()
                .Select(c => c.GetProperty("tokensSeen").GetInt64()).DefaultIfEmpty().Max();
        }
        var jobs = EvaluationJobs(await client.GetAsync("api/jobs?type=Evaluation&limit=1000", ct), runIds).ToList();
        var parts = new Dictionary<string, double>();
        double evaluation = 0;
        foreach (var job in jobs)
        {
            if (job.GetProperty("startedAt") is not { ValueKind: JsonValueKind.String } started
                || job.GetProperty("finishedAt") is not { ValueKind: JsonValueKind.String } finished) continue;
            evaluation += (finished.GetDateTimeOffset() - started.GetDateTimeOffset()).TotalSeconds;
            foreach (var (name, seconds) in Parts(job.GetProperty("message").GetString()))
                parts[name] = parts.GetValueOrDefault(name) + seconds;
        }
        var span = ((last ?? default) - (first ?? default)).TotalSeconds;
        return new ExperimentTimings(training, span, tokens, evaluation, parts, jobs.Count);
    }

    /// <summary>The evaluation jobs (of the jobs list) whose resource is one of the runs.</summary>
    public static IEnumerable<JsonElement> EvaluationJobs(JsonElement jobs, IReadOnlyCollection<string> runIds) =>
        jobs.EnumerateArray().Where(j => j.GetProperty("resourceId").GetString() is { } id && runIds.Contains(id));

    public void Print(double wallSeconds)
    {
        Console.WriteLine(
            $"  training: {TrainingSeconds:F1} job-seconds over a {TrainingSpanSeconds:F1} s span, {Tokens:N0} tokens");
        Console.WriteLine($"  evaluation: {EvaluationJobCount} jobs, {EvaluationSeconds:F1} job-seconds");
        foreach (var (name, seconds) in EvaluationParts.OrderByDescending(p => p.Value))
            Console.WriteLine(ExperimentBenchmark.Figure($"evaluation_part_seconds {name}", seconds));
        Console.WriteLine(ExperimentBenchmark.Figure("wall_seconds", wallSeconds));
        Console.WriteLine(ExperimentBenchmark.Figure("aggregate_training_tokens_per_second",
            Tokens / Math.Max(TrainingSpanSeconds, 1e-9)));
        Console.WriteLine(ExperimentBenchmark.Figure("evaluation_share",
            EvaluationSeconds / Math.Max(EvaluationSeconds + TrainingSeconds, 1e-9)));
    }

    /// <summary><c>... seconds: generations=1.20 val_loss=0.31</c> → (generations, 1.20), (val_loss, 0.31).</summary>
    private static IEnumerable<(string, double)> Parts(string? message)
    {
        if (message?.IndexOf("seconds:", StringComparison.Ordinal) is not (>= 0 and var at)) yield break;
        foreach (var pair in message[(at + "seconds:".Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (pair.Split('=') is [var name, var value]
                && double.TryParse(value, CultureInfo.InvariantCulture, out var s))
                yield return (name, s);
    }
}
