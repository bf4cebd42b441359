using System.Diagnostics;
using Prebias.Core.Datasets;
using Prebias.Core.Evaluation;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;
using Prebias.Core.Training;

namespace Prebias.Core.Runs;

/// <summary>
/// Decides a <c>dynamic</c> order while the run trains. Before step k, when the order does not reach step k yet (k is
/// then a multiple of refreshInterval), the current model weighs the candidates (<see cref="DynamicPolicies"/>), the
/// next window is drawn, its summary is logged and the window is appended to <c>order.bin</c>; the shared ledger grows
/// with it. A window already in the file (a resumed run) is replayed, not re-decided.
/// </summary>
public sealed class DynamicOrderRefresher
{
    /// <summary>Target policy: generations per refresh whose mean metric is the output (every prompt, greedy and
    /// sampled).</summary>
    private static readonly EvaluationOptions OutputGenerations = new() { MaxNewTokens = 96, SamplesPerPrompt = 3 };

    private readonly OrderingSpec _spec;
    private readonly ResolvedTraining _training;
    private readonly OrderLedger _ledger;
    private readonly IArtifactStore _store;
    private readonly string _orderKey;
    private readonly TokenStore _tokens;
    private readonly ITextTokenizer? _tokenizer;
    private readonly long _seed;
    private readonly int[] _candidates;
    private readonly double[] _metric;
    private readonly double[] _z;
    private readonly List<OrderRefresh> _log;
    private readonly Action<CompiledOrder> _onGrown;
    private readonly TextMetricsScorer? _outputScorer;

    /// <param name="trainIds">Train sample ids in ascending order.</param>
    /// <param name="metricValues">The ordering's metric aligned with <paramref name="trainIds"/> (NaN = missing), or
    /// empty.</param>
    /// <param name="onGrown">Called with the longer order after each refresh (the run's order hash and length).</param>
    public DynamicOrderRefresher(OrderingSpec spec, ResolvedTraining training, OrderLedger ledger, CompiledOrder order,
        IArtifactStore store, string orderKey,
        TokenStore tokens, ITextTokenizer? tokenizer, long runSeed, int[] trainIds, double[] metricValues,
            Action<CompiledOrder> onGrown)
    {
        (_spec, _training, _ledger, _store, _orderKey, _tokens, _tokenizer, _onGrown) = (spec, training, ledger,
            store, orderKey, tokens, tokenizer, onGrown);
        _seed = spec.Seed ?? runSeed;
        Order = order;
        // Samples without a value of the ordering's metric are not candidates (as every metric ordering excludes them).
        var keep = metricValues.Length == 0
            ? trainIds.Select(_ => true).ToArray() : metricValues.Select(double.IsFinite).ToArray();
        _candidates = [.. trainIds.Where((_, i) => keep[i])];
        _metric = metricValues.Length == 0 ? [] : [.. metricValues.Where((_, i) => keep[i])];
        _z = SamplingWeights.ZScores(_metric);
        _log = store.LoadOrderRefreshes(orderKey, order.Length);
        if (spec.EffectivePolicy == DynamicPolicies.Target)
        {
            var metric = MetricRegistry.Get(spec.Metric!);
            if (tokenizer is null) throw new ArgumentNullException(nameof(tokenizer),
                "policy target generates text: a tokenizer is required.");
            if (metric.Kind != MetricKind.Text)
                throw new OrderingException(
                    $"policy target steers a text metric of the generations; {metric.Name} is not one.");
            _outputScorer = new TextMetricsScorer(metrics: [metric.Name]);
        }
    }

    /// <summary>The order decided so far.</summary>
    public CompiledOrder Order { get; private set; }

    /// <summary>The refreshes that decided <see cref="Order"/>.</summary>
    public IReadOnlyList<OrderRefresh> Log => _log;

    public void BeforeStep(Trainer trainer)
    {
        var step = trainer.Iteration;
        var samplesPerStep = _training.SamplesPerStep;
        if (Order.Length >= (step + 1) * samplesPerStep) return;
        if (step % _spec.EffectiveRefreshInterval != 0)
            throw new InvalidOperationException(
                $"The dynamic order ends at position {Order.Length:N0}, inside a window (step {step}).");
        var clock = Stopwatch.StartNew();
        var (start, length) = DynamicOrder.Window(_spec, step, samplesPerStep, _training.SamplesNeeded);
        var refresh = DynamicOrder.RefreshIndex(_spec, step);
        var (window, summary) = _spec.EffectivePolicy == DynamicPolicies.Target
            ? DrawTowardTarget(trainer.Model, step, start, length, refresh)
            : DrawByLoss(trainer.Model, step, start, length, refresh);
        _log.Add(summary with { Seconds = clock.Elapsed.TotalSeconds });
        // The log first: a crash before the order grows leaves an entry that Load drops and the resumed run re-decides.
        _store.SaveOrderRefreshes(_orderKey, _log);
        Order = DynamicOrder.Append(Order, start, window);
        _store.SaveOrder(_orderKey, Order);
        _ledger.Extend(Order);
        _onGrown(Order);
    }

    private (int[], OrderRefresh) DrawByLoss(Transformer model, long step, long start, int length, int refresh)
    {
        var pool = DynamicOrder.Pool(_candidates, _spec.EffectivePoolSize, _seed, refresh);
        var losses = new PerplexityEvaluator(model)
            .Score([.. pool.Select(id => (IReadOnlyList<int>)_tokens.Read(id))],
                [.. pool.Select(id => _tokens.GetLength(id))])
            .Select(l => l.MeanNll).ToArray();
        var p = SamplingWeights.FromLosses(losses, _spec.EffectiveAlpha, _spec.EffectiveTemperature,
            _spec.EffectiveFloor);
        var (window, summary) = DynamicOrder.Draw(_spec, step, start, length, pool, p, MetricOf(pool), _seed);
        var finite = losses.Where(double.IsFinite).ToArray();
        return (window, summary with { PoolMeanLoss = finite.Length > 0 ? finite.Average() : null });
    }

    private (int[], OrderRefresh) DrawTowardTarget(Transformer model, long step, long start, int length, int refresh)
    {
        var options = OutputGenerations with { Seed = _seed + refresh };
        var generated = new GenerationEvaluator(_outputScorer).Run(model, _tokenizer!, options);
        var output = generated.Mean[0];
        var direction = double.IsFinite(output) ? Math.Sign(_spec.Target!.Value - output) : 0;
        var p = SamplingWeights.TowardTarget(_z, direction, _spec.EffectiveBeta, _spec.EffectiveTemperature,
            _spec.EffectiveFloor);
        var (window, summary) = DynamicOrder.Draw(_spec, step, start, length, _candidates, p, _metric, _seed);
        return (window, summary with { Output = double.IsFinite(output) ? output : null, Direction = direction });
    }

    private double[] MetricOf(int[] ids)
    {
        if (_metric.Length == 0) return [];
        var index = new Dictionary<int, double>(_candidates.Length);
        for (var i = 0; i < _candidates.Length; i++) index[_candidates[i]] = _metric[i];
        return [.. ids.Select(id => index[id])];
    }
}
