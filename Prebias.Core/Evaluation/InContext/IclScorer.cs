using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Core.Evaluation.InContext;

/// <summary>Computes <see cref="IclScore"/> from validation rows (BOS + tokens, then padding) under no_grad and
/// eval().</summary>
public static class IclScorer
{
    public static IclScore Score(Transformer model, IReadOnlyList<IReadOnlyList<int>> rows, IReadOnlyList<int> lengths,
        int batchSize = 16)
    {
        var (early, late) = IclScore.Positions(model.Args.MaxSeqLen);
        // A sample counts when it holds a real token at the late position.
        var usable = Enumerable.Range(0, rows.Count).Where(i => Math.Min(lengths[i], rows[i].Count) > late).ToArray();
        if (usable.Length == 0) return new IclScore(early, late, null, null, 0);
        double earlySum = 0, lateSum = 0;
        var wasTraining = model.training;
        using (no_grad())
        {
            model.eval();
            for (var start = 0; start < usable.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var chunk = usable.AsSpan(start, Math.Min(batchSize, usable.Length - start)).ToArray();
                // Inputs are tokens 0..late−1; the logits at input position p − 1 predict token p.
                var inputs = new long[chunk.Length * late];
                var earlyTargets = new long[chunk.Length];
                var lateTargets = new long[chunk.Length];
                for (var b = 0; b < chunk.Length; b++)
                {
                    var row = rows[chunk[b]];
                    for (var t = 0; t < late; t++) inputs[b * late + t] = row[t];
                    earlyTargets[b] = row[early];
                    lateTargets[b] = row[late];
                }
                var logits = model.Forward(tensor(inputs, [chunk.Length, late],
                    device: model.Device)).Logits; // (B, late, V)
                earlySum += Nll(logits.select(1, early - 1), earlyTargets);
                lateSum += Nll(logits.select(1, late - 1), lateTargets);
            }
            model.train(wasTraining);
        }
        return new IclScore(early, late, earlySum / usable.Length, lateSum / usable.Length, usable.Length);
    }

    // Summed negative log-likelihood of one target per row: logits (B, V), targets (B).
    private static double Nll(Tensor logits, long[] targets) =>
        nn.functional.cross_entropy(logits.to_type(ScalarType.Float32), tensor(targets, device: logits.device),
            reduction: nn.Reduction.Sum)
            .to_type(ScalarType.Float64).item<double>();
}
