using Microsoft.EntityFrameworkCore;
using Npgsql;
using Prebias.Core.Branches;
using Prebias.Core.Domain;
using Prebias.Core.Metrics;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Storage;

namespace Prebias.Core.Runs;

/// <summary>
/// Compiles a run's ordering once (train sample ids and, for metric orderings, their values from sample_metrics)
/// and stores it as <c>order.bin</c> with its hash; later calls and resumed jobs load the same file.
/// </summary>
public sealed class RunOrders(PrebiasDbContext db, NpgsqlDataSource dataSource, IArtifactStore store,
    SampleAttributeStore attributeStore)
{
    public async Task<CompiledOrder> GetOrCompileAsync(RunRecord run, OrderingSpec spec, long samplesNeeded, CancellationToken ct)
    {
        if (store.Exists(run.OrderKey)) return store.LoadOrder(run.OrderKey);

        var trainIds = await TrainIdsAsync(run.DatasetId, ct);
        var values = spec.ResolveMetric() is { } metric ? await MetricValuesAsync(run.DatasetId, metric.Name, trainIds, ct) : [];
        // A fine-tune's order is its own, over the fine-tune dataset; other branches continue their parent's.
        var order = run.ParentRunId is { } parentId && !Branching.IsFineTune(run)
            ? await BranchOrderAsync(run, parentId, spec, trainIds, values, samplesNeeded, ct)
            : OrderingCompiler.Compile(spec, trainIds, values, run.Seed, samplesNeeded);
        store.SaveOrder(run.OrderKey, order);
        return order;
    }

    /// <summary>
    /// A branch keeps its parent's order up to the branch point; after it, a new ordering, a filtered continuation, or
    /// (gender swap) the parent's own continuation, whose rows the batch provider transforms.
    /// </summary>
    private async Task<CompiledOrder> BranchOrderAsync(RunRecord run, Guid parentId, OrderingSpec spec, int[] trainIds, double[] values,
        long samplesNeeded, CancellationToken ct)
    {
        var parent = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == parentId, ct);
        var parentOrder = store.LoadOrder(parent.OrderKey);
        var transform = Branching.TransformOf(run);
        var samplesPerStep = run.Training.SamplesPerStep;
        var from = run.BranchFromStep!.Value * samplesPerStep;
        switch (transform)
        {
            case OrderingTransform:
                return OrderingCompiler.Continue(parentOrder, from, spec, trainIds, values, run.Seed, samplesNeeded);
            case FilterTransform filter:
                var filterValues = await MetricValuesAsync(run.DatasetId, filter.Metric!, trainIds, ct);
                return OrderingCompiler.Filter(parentOrder, from, new MetricFilter(filter.Metric!, filter.Min, filter.Max), trainIds, filterValues, samplesNeeded);
            default:
                return parentOrder.Length >= samplesNeeded
                    ? parentOrder
                    // One past the parent's order seed, so the extra epochs are a fresh shuffle, not the parent's first ones again.
                    : OrderingCompiler.Continue(parentOrder, parentOrder.Length, spec with { Seed = (spec.Seed ?? run.Seed) + 1 }, trainIds, values, run.Seed + 1, samplesNeeded);
        }
    }

    public async Task<int[]> TrainIdsAsync(Guid datasetId, CancellationToken ct) =>
        await db.Samples.AsNoTracking().Where(s => s.DatasetId == datasetId && s.Split == "train").OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync(ct);

    public async Task<int[]> ValIdsAsync(Guid datasetId, CancellationToken ct) =>
        await db.Samples.AsNoTracking().Where(s => s.DatasetId == datasetId && s.Split == "val").OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync(ct);

    /// <summary>The metric for each id (NaN where missing), aligned with <paramref name="ids"/>.</summary>
    public async Task<double[]> MetricValuesAsync(Guid datasetId, string metric, int[] ids, CancellationToken ct)
    {
        if (AttributeMetric.TryParse(metric, out var attribute))
        {
            var attributes = await attributeStore.ValuesAsync(datasetId, attribute, ct);
            return Array.ConvertAll(ids, id => attributes.TryGetValue(id, out var v) ? v : double.NaN);
        }
        var byId = new Dictionary<int, double>(ids.Length);
        await using var cmd = dataSource.CreateCommand(
            $"SELECT sample_id, {SampleMetricsStore.Quote(metric)} FROM sample_metrics WHERE dataset_id = @d AND {SampleMetricsStore.Quote(metric)} IS NOT NULL");
        cmd.Parameters.AddWithValue("d", datasetId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) byId[reader.GetInt32(0)] = reader.GetDouble(1);
        return Array.ConvertAll(ids, id => byId.TryGetValue(id, out var v) ? v : double.NaN);
    }
}
