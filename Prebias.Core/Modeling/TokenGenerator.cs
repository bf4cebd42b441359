using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// Batched autoregressive decoding with a KV cache. Prompts of different lengths are right-padded and decoded in lock
/// step from the shortest prompt's end; while a row is still inside its own prompt, its prompt token overrides the
/// sampled one (Meta's llama generation.py scheme), so every row sees exactly its own prefix and no mask is needed.
/// </summary>
public static class TokenGenerator
{
    /// <summary>Generated token ids per prompt (prompt and EOS excluded). Prompts must be non-empty.</summary>
    public static IReadOnlyList<int[]> Generate(Transformer model, IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options) =>
        GenerateWithEnds(model, prompts, options).Select(g => g.Ids).ToArray();

    /// <summary>
    /// Generated token ids per prompt and whether each stopped at EOS: a row is finished once it produces EOS, and
    /// decoding ends when every row is (or at the cap). Prompts must be non-empty.
    /// </summary>
    public static IReadOnlyList<GeneratedTokens> GenerateWithEnds(Transformer model,
        IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options) =>
        GenerateWithEnds(model, prompts, options, sampledRows: null);

    /// <summary>
    /// As <see cref="GenerateWithEnds(Transformer, IReadOnlyList{IReadOnlyList{int}}, GenerationOptions)"/>, with
    /// greedy and sampled rows in one batch: the rows listed in <paramref name="sampledRows"/> draw with
    /// <paramref name="options"/>' temperature and top-k, every other row takes the argmax. One decode pays the per-op
    /// cost once for both modes; the sampled rows draw from one seeded generator over just their own logits, so their
    /// tokens equal those of a batch of the sampled rows alone (and the greedy rows those of a greedy batch).
    /// </summary>
    /// <param name="sampledRows">Indexes into <paramref name="prompts"/> that sample; null means every row follows
    /// <paramref name="options"/> (sampled when its temperature is above 0).</param>
    public static IReadOnlyList<GeneratedTokens> GenerateWithEnds(Transformer model,
        IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options, IReadOnlyList<int>? sampledRows)
    {
        if (prompts.Count == 0) return [];
        if (prompts.Any(p => p.Count == 0)) throw new ArgumentException("Every prompt needs at least one token (e.g. BOS).");
        var batch = prompts.Count;
        var minLength = prompts.Min(p => p.Count);
        var total = Math.Min(prompts.Max(p => p.Count) + options.MaxNewTokens, model.Args.MaxSeqLen);
        if (minLength >= total) return prompts.Select(_ => new GeneratedTokens([], EndedWithEos: false)).ToArray();

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            using var generator = new Generator((ulong)options.Seed);
            using var cache = model.CreateKvCache(batch, total);
            var (tokens, inPrompt) = PadPrompts(prompts, total, model.Device); // (B, total) each
            var sampled = sampledRows is null || options.Temperature <= 0 ? null
                : tensor(sampledRows.Select(r => (long)r).ToArray(), device: model.Device); // (S)
            var finished = zeros(batch, dtype: ScalarType.Bool, device: model.Device);
            long previous = 0;
            for (long position = minLength; position < total; position++)
            {
                using var stepScope = NewDisposeScope();
                // Feed the tokens not yet in the cache: the shared prompt prefix first, then one token per step.
                var logits = model.ForwardIncremental(tokens.narrow(1, previous, position - previous), cache, previous); // (B, V)
                var next = sampled is null ? Sample(logits, options, generator)                            // (B)
                    : SampleRows(logits, sampled, options, generator);
                var prompted = inPrompt.select(1, position);
                next = where(prompted, tokens.select(1, position), next);
                tokens.select(1, position).copy_(next);
                previous = position;
                if (options.EosId is { } eos)
                {
                    finished.logical_or_(next.eq(eos).logical_and(prompted.logical_not()));
                    if (finished.all().item<bool>()) break;
                }
            }
            return Collect(tokens, prompts, options);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Next token per row from last-position logits (B, V): argmax when greedy, else a seeded draw.</summary>
    public static Tensor Sample(Tensor logits, GenerationOptions options, Generator generator)
    {
        if (options.Temperature <= 0) return logits.argmax(-1); // (B)
        using var scope = NewDisposeScope();
        var scaled = logits.to_type(ScalarType.Float32) / options.Temperature;
        if (options.TopK > 0 && options.TopK < scaled.shape[^1])
        {
            var (values, _) = scaled.topk(options.TopK, dim: -1);       // (B, k), sorted descending
            var threshold = values.narrow(-1, options.TopK - 1, 1);     // (B, 1): the k-th largest
            scaled = scaled.masked_fill(scaled.lt(threshold), float.NegativeInfinity);
        }
        var probabilities = nn.functional.softmax(scaled, dim: -1);   // (B, V)
        return multinomial(probabilities, 1, generator: generator).squeeze(-1).MoveToOuterDisposeScope(); // (B)
    }

    /// <summary>Argmax for every row, then a seeded draw for the rows in <paramref name="sampled"/> (S).</summary>
    private static Tensor SampleRows(Tensor logits, Tensor sampled, GenerationOptions options, Generator generator)
    {
        var next = logits.argmax(-1); // (B)
        if (sampled.shape[0] == 0) return next;
        return next.index_copy_(0, sampled, Sample(logits.index_select(0, sampled), options, generator));
    }

    private static (Tensor Tokens, Tensor InPrompt) PadPrompts(IReadOnlyList<IReadOnlyList<int>> prompts, long total, Device device)
    {
        var ids = new long[prompts.Count * total];
        var mask = new bool[prompts.Count * total];
        for (var row = 0; row < prompts.Count; row++)
            for (var i = 0; i < prompts[row].Count && i < total; i++)
            {
                ids[row * total + i] = prompts[row][i];
                mask[row * total + i] = true;
            }
        return (tensor(ids, [prompts.Count, total], device: device), tensor(mask, [prompts.Count, total], device: device));
    }

    private static GeneratedTokens[] Collect(Tensor tokens, IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options)
    {
        var total = tokens.shape[1];
        var all = tokens.cpu().data<long>().ToArray();
        return prompts.Select((prompt, row) =>
        {
            var end = Math.Min(prompt.Count + options.MaxNewTokens, total);
            var generated = new List<int>();
            for (var i = prompt.Count; i < end; i++)
            {
                var id = (int)all[row * total + i];
                if (id == options.EosId) return new GeneratedTokens(generated.ToArray(), EndedWithEos: true);
                generated.Add(id);
            }
            return new GeneratedTokens(generated.ToArray(), EndedWithEos: false);
        }).ToArray();
    }
}
