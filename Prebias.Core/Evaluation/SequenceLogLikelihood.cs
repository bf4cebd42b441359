using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Batched log-likelihoods of token sequences (<see cref="LogLikelihoodRequest"/>) under a <see cref="Transformer"/>.
/// Position j of the model's output predicts token j+1, so a request needs the forward pass of Tokens[..^1] only;
/// requests sharing that input (e.g. " she" and " he" after the same context, both one token) share one forward row.
/// Distinct inputs are sorted by length, right-padded and run <c>batchSize</c> at a time: with a causal mask, padding
/// after a row's end cannot change the logits of its real positions, so no attention mask is needed.
/// </summary>
public static class SequenceLogLikelihood
{
    /// <summary>One sum of log-probabilities (nats, accumulated in double) per request, in request order.</summary>
    public static double[] Score(Transformer model, IReadOnlyList<LogLikelihoodRequest> requests, int batchSize = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var (inputs, inputOf) = DistinctInputs(model, requests);
        var order = Enumerable.Range(0, inputs.Count).OrderBy(i => inputs[i].Length).ToArray();
        var requestsByInput = Enumerable.Range(0, requests.Count).ToLookup(r => inputOf[r]);
        var sums = new double[requests.Count];

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                var chunk = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                ScoreChunk(model, requests, inputs, chunk, requestsByInput, sums);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return sums;
    }

    private static (List<int[]> Inputs, int[] InputOf) DistinctInputs(Transformer model, IReadOnlyList<LogLikelihoodRequest> requests)
    {
        var inputs = new List<int[]>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var inputOf = new int[requests.Count];
        for (var r = 0; r < requests.Count; r++)
        {
            var (tokens, from) = (requests[r].Tokens, requests[r].From);
            if (from < 1 || from > tokens.Count)
                throw new ArgumentOutOfRangeException(nameof(requests), $"request {r}: From {from} outside [1, {tokens.Count}]");
            if (tokens.Count - 1 > model.Args.MaxSeqLen)
                throw new ArgumentException($"request {r}: {tokens.Count} tokens exceed max_seq_len + 1 = {model.Args.MaxSeqLen + 1}", nameof(requests));
            var input = tokens.Take(tokens.Count - 1).ToArray();
            var key = string.Join(',', input);
            if (!index.TryGetValue(key, out var i))
            {
                i = inputs.Count;
                index[key] = i;
                inputs.Add(input);
            }
            inputOf[r] = i;
        }
        return (inputs, inputOf);
    }

    private static void ScoreChunk(Transformer model, IReadOnlyList<LogLikelihoodRequest> requests, List<int[]> inputs,
        int[] chunk, ILookup<int, int> requestsByInput, double[] sums)
    {
        var length = chunk.Max(i => inputs[i].Length);
        if (length == 0) return; // only empty inputs: every request scores nothing
        using var scope = NewDisposeScope();
        var ids = new long[chunk.Length * length];
        // (flat position in the (B·T) logits, target token, request) for every scored token of the chunk
        var rows = new List<long>();
        var targets = new List<long>();
        var owners = new List<int>();
        for (var b = 0; b < chunk.Length; b++)
        {
            var input = inputs[chunk[b]];
            for (var t = 0; t < input.Length; t++) ids[b * length + t] = input[t];
            foreach (var r in requestsByInput[chunk[b]])
                for (var j = requests[r].From; j < requests[r].Tokens.Count; j++)
                {
                    rows.Add(b * (long)length + j - 1); // position j − 1 predicts token j
                    targets.Add(requests[r].Tokens[j]);
                    owners.Add(r);
                }
        }
        if (rows.Count == 0) return;
        var device = model.Device;
        var logits = model.Forward(tensor(ids, [chunk.Length, length], device: device)).Logits; // (B, T, V)
        var picked = logits.view(-1, logits.shape[^1])
            .index_select(0, tensor(rows.ToArray(), device: device))  // (N, V): only the scored positions
            .to_type(ScalarType.Float32);
        var logProbs = nn.functional.log_softmax(picked, dim: -1)
            .gather(1, tensor(targets.ToArray(), device: device).unsqueeze(1)) // (N, 1)
            .squeeze(1).cpu().data<float>().ToArray();
        for (var n = 0; n < logProbs.Length; n++) sums[owners[n]] += logProbs[n];
    }
}
