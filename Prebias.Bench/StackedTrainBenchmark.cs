using System.Diagnostics;
using System.Globalization;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using TorchSharp.Modules;
using Transformer = Prebias.Core.Modeling.Transformer;
using static TorchSharp.torch;

namespace Prebias.Bench;

/// <summary>
/// <c>bench stacked [--runs 4] [--steps 10] [--batch 16] [--seq 256] [--threads 2] [--warmup 2]</c>: a measurement,
/// not a trainer. R stories260k models trained as one: every weight carries a leading run dimension, the matrix
/// products are <c>bmm</c>, the loss is the sum of the runs' mean losses, and one AdamW over the stacked tensors is R
/// independent AdamW states (its update is element-wise). Compared, step round by step round in the same process,
/// with R shipped <see cref="Transformer"/>s trained one after another by <see cref="Trainer"/> (gradient clipping
/// off on both sides: a stacked clip would need a norm per run). Last line: <c>stacked_vs_solo: X</c> (aggregate
/// tokens/s of the stacked model over that of the solo runs; higher is better).
/// </summary>
public static class StackedTrainBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new Workers.CommandArgs(args);
        var runs = a.GetInt("runs", 4);
        var steps = a.GetInt("steps", 10);
        var batch = a.GetInt("batch", 16);
        var seq = a.GetInt("seq", 256);
        var warmup = a.GetInt("warmup", 2);
        set_num_threads(a.GetInt("threads", 2));
        var model = ModelPresets.Get("stories260k");
        var options = new TrainingOptions
        {
            BatchSize = batch, GradientAccumulationSteps = 1, MaxIters = steps + warmup, WarmupIters = 0,
            DecayLr = false, GradClip = 0, Device = "cpu", Threads = a.GetInt("threads", 2),
        };
        var solo = Enumerable.Range(0, runs).Select(r => new Transformer(model, seed: 1337 + r)).ToList();
        var trainers = solo.Select(m => new Trainer(m, options)).ToList();
        using var stacked = new StackedLlama(model, runs, seq, options);
        Console.WriteLine($"stories260k, {runs} runs, batch {batch}x{seq}, {steps} steps (+{warmup} warm-up)");

        var soloSeconds = new List<double>();
        var stackedSeconds = new List<double>();
        for (var step = 0; step < steps + warmup && !ct.IsCancellationRequested; step++)
        {
            // Alternating the two sides shares the machine's load between them.
            var clock = Stopwatch.StartNew();
            for (var r = 0; r < runs; r++)
            {
                var run = r;
                trainers[r].Step(_ => SoloBatch(model.VocabSize, batch, seq, step, run), readLoss: true);
            }
            var soloStep = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var loss = stacked.Step(Batch(model.VocabSize, runs, batch, seq, step, 0));
            var stackedStep = clock.Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"step {step}: {runs} solo {soloStep * 1000:F0} ms, stacked {stackedStep * 1000:F0} ms ")
                + FormattableString.Invariant($"(summed loss {loss:F3})"));
            if (step < warmup) continue;
            soloSeconds.Add(soloStep);
            stackedSeconds.Add(stackedStep);
        }
        foreach (var t in trainers) t.Dispose();
        foreach (var m in solo) m.Dispose();
        if (soloSeconds.Count == 0) return Task.FromResult(1);

        var tokens = (double)runs * batch * seq;
        var soloMedian = Median(soloSeconds);
        var stackedMedian = Median(stackedSeconds);
        Console.WriteLine(Figure("solo_tokens_per_second", tokens / soloMedian));
        Console.WriteLine(Figure("stacked_tokens_per_second", tokens / stackedMedian));
        Console.WriteLine(Figure("stacked_vs_solo", soloMedian / stackedMedian));
        return Task.FromResult(0);
    }

    /// <summary>Random tokens (R, B, T+1) split into inputs and targets; run r of a solo batch uses stream r.</summary>
    private static (Tensor Inputs, Tensor Targets) Batch(int vocab, int runs, int batch, int seq, int step, int run)
    {
        using var generator = new Generator((ulong)(1000 + 100 * step + run));
        using var tokens = randint(vocab, [runs, batch, seq + 1], dtype: ScalarType.Int64, generator: generator);
        return (tokens.narrow(2, 0, seq).clone(), tokens.narrow(2, 1, seq).clone());
    }

    private static TokenBatch SoloBatch(int vocab, int batch, int seq, int step, int run)
    {
        var (inputs, targets) = Batch(vocab, 1, batch, seq, step, run);
        return new TokenBatch(inputs.squeeze(0), targets.squeeze(0));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Figure(string name, double value) => ExperimentBenchmark.Figure(name, value);

    /// <summary>llama2.c's Transformer for R runs at once: weights (R, in, out), embedding tied to output.</summary>
    private sealed class StackedLlama : IDisposable
    {
        private readonly ModelArgs _args;
        private readonly int _runs;
        private readonly Parameter _embedding, _finalNorm;
        private readonly Parameter[][] _layers;
        private readonly Tensor _cos, _sin;
        private readonly AdamW _optimizer;

        public StackedLlama(ModelArgs args, int runs, int seq, TrainingOptions options)
        {
            _args = args;
            _runs = runs;
            var hd = args.HeadDim;
            var hidden = FeedForward.ComputeHiddenDim(args);
            var residualStd = 0.02 / Math.Sqrt(2 * args.NLayers);
            _embedding = Weight(args.VocabSize, args.Dim, 0.02);
            _finalNorm = Ones();
            _layers = [.. Enumerable.Range(0, args.NLayers).Select(_ => new[]
            {
                Ones(), Weight(args.Dim, args.NHeads * hd, 0.02), Weight(args.Dim, args.EffectiveKvHeads * hd, 0.02),
                Weight(args.Dim, args.EffectiveKvHeads * hd, 0.02), Weight(args.NHeads * hd, args.Dim, residualStd),
                Ones(), Weight(args.Dim, hidden, 0.02), Weight(args.Dim, hidden, 0.02),
                Weight(hidden, args.Dim, residualStd),
            })];
            (_cos, _sin) = RotaryEmbedding.Precompute(hd, seq);
            var all = new[] { _embedding, _finalNorm }.Concat(_layers.SelectMany(l => l)).ToList();
            _optimizer = optim.AdamW([
                new AdamW.ParamGroup(all.Where(p => p.shape[1] > 1),
                    new AdamW.Options { weight_decay = options.WeightDecay }),
                new AdamW.ParamGroup(all.Where(p => p.shape[1] == 1), new AdamW.Options { weight_decay = 0.0 }),
            ], lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2);
        }

        private Parameter Weight(long rows, long columns, double std) =>
            new(normal(0, std, [_runs, rows, columns]));

        private Parameter Ones() => new(ones(_runs, 1, _args.Dim));

        public double Step((Tensor Inputs, Tensor Targets) batch)
        {
            using var scope = NewDisposeScope();
            _optimizer.zero_grad();
            var loss = Loss(batch.Inputs, batch.Targets);
            loss.backward();
            _optimizer.step();
            return loss.item<float>();
        }

        /// <summary>The sum over runs of each run's mean cross-entropy: each run gets its solo gradient.</summary>
        private Tensor Loss(Tensor inputs, Tensor targets)
        {
            long r = _runs, b = inputs.shape[1], t = inputs.shape[2], hd = _args.HeadDim;
            long hq = _args.NHeads, hkv = _args.EffectiveKvHeads;
            var offsets = arange(r, dtype: ScalarType.Int64).view(r, 1, 1) * _args.VocabSize;
            var x = _embedding.view(r * _args.VocabSize, _args.Dim).index_select(0, (inputs + offsets).flatten())
                .view(r, b * t, _args.Dim);
            foreach (var w in _layers)
            {
                var h = Norm(x, w[0]);
                var q = RotaryEmbedding.Apply(bmm(h, w[1]).view(r * b, t, hq, hd), _cos, _sin).transpose(1, 2);
                var k = RotaryEmbedding.Apply(bmm(h, w[2]).view(r * b, t, hkv, hd), _cos, _sin).transpose(1, 2);
                var v = bmm(h, w[3]).view(r * b, t, hkv, hd).transpose(1, 2);
                k = k.repeat_interleave(hq / hkv, dim: 1);
                v = v.repeat_interleave(hq / hkv, dim: 1);
                var attention = nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, true);
                x = x + bmm(attention.transpose(1, 2).reshape(r, b * t, hq * hd), w[4]);
                h = Norm(x, w[5]);
                x = x + bmm(nn.functional.silu(bmm(h, w[6])) * bmm(h, w[7]), w[8]);
            }
            var logits = bmm(Norm(x, _finalNorm), _embedding.transpose(1, 2));
            return nn.functional.cross_entropy(logits.view(r * b * t, _args.VocabSize), targets.flatten()) * r;
        }

        private Tensor Norm(Tensor x, Tensor weight) =>
            x * rsqrt(x.pow(2).mean([-1], keepdim: true) + _args.NormEps) * weight;

        public void Dispose()
        {
            _optimizer.Dispose();
            _embedding.Dispose();
            _finalNorm.Dispose();
            foreach (var p in _layers.SelectMany(l => l)) p.Dispose();
            _cos.Dispose();
            _sin.Dispose();
        }
    }
}
