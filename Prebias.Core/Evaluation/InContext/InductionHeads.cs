using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Core.Evaluation.InContext;

/// <summary>
/// The per-head scores of Olsson et al. 2022, "In-context Learning and Induction Heads": prefix matching measured on
/// repeated random tokens through the explicit attention path (<see cref="Transformer.AttentionWeights"/>, as the
/// attention probe), and the copying score read off the weights.
/// </summary>
public static class InductionHeads
{
    public static HeadScores Score(Transformer model, RepeatedTokens probe)
    {
        var (layers, heads) = (model.Args.NLayers, model.Args.NHeads);
        var length = probe.RepeatLength;
        double[] flat;
        var wasTraining = model.training;
        using (no_grad())
        using (NewDisposeScope())
        {
            model.eval();
            var input = tensor(probe.Tokens, [probe.Sequences, probe.SequenceLength],
                device: model.Device); // (B, 2L+1)
            var weights = model.AttentionWeights(input); // (n_layers, B, H, T, T)
            // Query q = L + 1 + j (token r_j of the second copy) should attend to key j + 2, the token after r_j's
            // first occurrence at 1 + j: the diagonal key = query − (L − 1), whose entries 2.. are those queries.
            var stripe = weights.diagonal(offset: -(length - 1), dim1: -2, dim2: -1).narrow(-1, 2,
                length); // (n_layers, B, H, L)
            flat = stripe.mean([1,
                3]).to_type(ScalarType.Float64).cpu().data<double>().ToArray();           // (n_layers, H)
            model.train(wasTraining);
        }
        var prefix = Enumerable.Range(0, layers).Select(l => flat.AsSpan(l * heads, heads).ToArray()).ToArray();
        var baseline = Enumerable.Range(length + 1, length).Average(q => 1.0 / (q + 1));
        return new HeadScores(prefix, CopyingScores(model), baseline);
    }

    /// <summary>
    /// For head h of layer l, the full OV circuit E·W_O,h·W_V,h·Eᵀ (vocab × vocab; tied embeddings, the final norm left
    /// out as in Elhage et al.) has the same non-zero eigenvalues as the head_dim × head_dim matrix W_V,h·Eᵀ·E·W_O,h,
    /// which is cheap to decompose even for a 32000-token vocabulary.
    /// </summary>
    public static double[][] CopyingScores(Transformer model)
    {
        var args = model.Args;
        var (headDim, groups) = (args.HeadDim, args.NHeads / args.EffectiveKvHeads);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var scores = new double[args.NLayers][];
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var embedding = parameters["tok_embeddings.weight"].to_type(ScalarType.Float64).cpu(); // (V, dim)
        var gram = embedding.t().matmul(embedding);                                            // (dim, dim) = Eᵀ·E
        for (var l = 0; l < args.NLayers; l++)
        {
            var wv = parameters[$"layers.{l}.attention.wv.weight"].to_type(ScalarType.Float64).cpu(); // (n_kv·hd, dim)
            // (dim, n_heads·hd)
            var wo = parameters[$"layers.{l}.attention.wo.weight"].to_type(ScalarType.Float64).cpu();
            scores[l] = new double[args.NHeads];
            for (var h = 0; h < args.NHeads; h++)
            {
                using var inner = NewDisposeScope();
                var value = wv.narrow(0, h / groups * headDim,
                    headDim);           // (hd, dim): head h reads kv head h / n_rep
                var output = wo.narrow(1, h * headDim, headDim);                   // (dim, hd)
                var circuit = value.matmul(gram).matmul(output);                   // (hd, hd)
                var eigenvalues = linalg.eigvals(circuit);                         // complex (hd)
                var real = eigenvalues.real.sum().item<double>();
                var magnitude = eigenvalues.abs().sum().item<double>();
                scores[l][h] = magnitude > 0 ? real / magnitude : 0;
            }
        }
        return scores;
    }
}
