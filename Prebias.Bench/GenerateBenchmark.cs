using System.Diagnostics;
using System.Globalization;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using static TorchSharp.torch;

namespace Prebias.Bench;

/// <summary>
/// <c>bench generate [--checkpoint DIR | --preset NAME [--seed S]] [--prompts N] [--tokens T] [--threads K]
/// [--tokenizer X.model | --train-vocab V --data STORIES.jsonl] [--train-steps S --data STORIES.jsonl] [--bos-only]
/// [--out DIR] [--compare-runc PATH/TO/run]</c>: greedy KV-cache generation of T tokens from N prompts in one batch
/// (median of --repeats runs), then the same prompts one at a time (batch 1, comparable with run.c, which decodes a
/// single sequence). Prompts are BOS alone (run.c's default) or BOS + a story opening when a tokenizer is given.
/// With --compare-runc the model and tokenizer are exported to llama2.c's model.bin / tokenizer.bin and run.c's greedy
/// output and tok/s are compared with ours (see bench/peers/README.md). The batch-1 CPU decoder
/// (<see cref="SingleSequenceDecoder"/>) is timed on the same prompts and threads and checked against TorchSharp's
/// batch-1 ids: <c>fast batch-1 tokens_per_second</c>; with run.c, <see cref="DecodeComparison"/> times both on the first
/// prompt over the same positions, interleaved, and prints <c>decode_vs_runc_&lt;threads&gt;t</c>. Last line:
/// <c>tokens_per_second: X</c> (new tokens across the batch per second).
/// </summary>
public static class GenerateBenchmark
{
    // Story openings in TinyStories' register (our own phrasing), used when a tokenizer is given.
    private static readonly string[] Openings =
    [
        "Once upon a time", "One day, a little girl named Lily", "Tom and his dog went to the park.",
        "There was a big red ball", "Sara liked to play with her mom.", "The sun was shining and",
        "A little bird lived in a tree.", "Ben wanted to find a treasure.",
    ];

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var options = GenerateBenchmarkOptions.Parse(args);
        set_num_threads(options.Threads);
        var outDir = Path.GetFullPath(options.Out ?? Path.Combine(Path.GetTempPath(), $"bench-generate-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(outDir);
        var tokenizer = await GenerateBenchmarkModel.LoadTokenizerAsync(options, outDir, ct);
        using var model = GenerateBenchmarkModel.Load(options, tokenizer, outDir);
        set_num_threads(options.Threads);
        var prompts = BuildPrompts(options, tokenizer);
        var generation = new GenerationOptions { MaxNewTokens = options.Tokens }; // greedy; no EOS, so every row does the same work
        Console.WriteLine($"{model.ParameterCount} parameters, {options.Threads} threads, {prompts.Count} prompts x {options.Tokens} tokens, greedy");

        var ids = prompts.Select(p => (IReadOnlyList<int>)p.Ids).ToList();
        TokenGenerator.Generate(model, ids, generation with { MaxNewTokens = 8 }); // warm-up: libtorch kernels, allocator
        var seconds = new List<double>();
        IReadOnlyList<int[]> batched = [];
        for (var repeat = 0; repeat < options.Repeats && !ct.IsCancellationRequested; repeat++)
        {
            var watch = Stopwatch.StartNew();
            batched = TokenGenerator.Generate(model, ids, generation);
            seconds.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine(Invariant($"batch {repeat}: {seconds[^1] * 1000:F0} ms for {batched.Sum(r => r.Length)} new tokens"));
        }
        var median = Median(seconds);
        var batchedRate = batched.Sum(r => r.Length) / median;

        // Batch 1, one prompt at a time (run.c decodes one sequence): the median per-prompt rate resists load spikes.
        var single = new List<int[]>();
        var singleRates = new List<double>();
        foreach (var prompt in ids)
        {
            var watch = Stopwatch.StartNew();
            single.Add(TokenGenerator.Generate(model, [prompt], generation)[0]);
            singleRates.Add(single[^1].Length / watch.Elapsed.TotalSeconds);
        }
        var differing = Enumerable.Range(0, ids.Count).Count(i => !batched[i].SequenceEqual(single[i]));
        Console.WriteLine($"batched vs batch-1 greedy outputs: {ids.Count - differing}/{ids.Count} identical");
        if (tokenizer is not null)
            Console.WriteLine($"sample: {prompts[0].Text}{tokenizer.Decode(single[0]).ReplaceLineEndings(" ")}");

        var fast = FastDecoderRates(model, ids, single, options, ct);
        Console.WriteLine(Invariant(
            $"batch-1 tokens_per_second: median {Median(singleRates):F1}, best {singleRates.Max():F1} (over {singleRates.Count} prompts)"));
        Console.WriteLine(Invariant($"fast batch-1 tokens_per_second: {fast:F1}"));
        if (options.CompareRunc is { } runc)
        {
            var (_, modelBin, tokenizerBin, printer) =
                await RuncComparison.RunAsync(runc, model, tokenizer, prompts, single, options, outDir, ct);
            await DecodeComparison.RunAsync(runc, model, prompts[0], modelBin, tokenizerBin, printer, options, ct);
        }
        Console.WriteLine(Invariant($"batched ({ids.Count}) per-batch ms: median {median * 1000:F0}, best {seconds.Min() * 1000:F0}"));
        Console.WriteLine(Invariant($"tokens_per_second: {batchedRate:F1}"));
        return 0;
    }

    /// <summary>
    /// <see cref="SingleSequenceDecoder"/> on each prompt (median of --repeats runs per prompt, then median over prompts),
    /// checked token for token against TorchSharp's batch-1 output. Counted like run.c's "achieved tok/s": one token per
    /// forward over positions 1.., prompt tokens included.
    /// </summary>
    private static double FastDecoderRates(Transformer model, IReadOnlyList<IReadOnlyList<int>> prompts,
        IReadOnlyList<int[]> torchOutputs, GenerateBenchmarkOptions options, CancellationToken ct)
    {
        var decoder = new SingleSequenceDecoder(model, options.Threads);
        // Warm-up for 2 s: tiered JIT promotes TensorPrimitives' kernels to optimised code only after repeated calls.
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 2 && !ct.IsCancellationRequested;)
            decoder.Generate(prompts[0], options.Tokens, stopIds: [], ct);
        var rates = new List<double>();
        var identical = 0;
        for (var i = 0; i < prompts.Count; i++)
        {
            var promptRates = new List<double>();
            int[] ours = [];
            for (var repeat = 0; repeat < options.Repeats; repeat++)
            {
                var watch = Stopwatch.StartNew();
                ours = decoder.Generate(prompts[i], options.Tokens, stopIds: [], ct); // no stop: the same work as TorchSharp's loop
                promptRates.Add((prompts[i].Count - 1 + ours.Length) / watch.Elapsed.TotalSeconds);
            }
            rates.Add(Median(promptRates));
            if (ours.SequenceEqual(torchOutputs[i])) identical++;
        }
        Console.WriteLine($"fast decoder vs TorchSharp batch-1 greedy outputs: {identical}/{prompts.Count} identical");
        return Median(rates);
    }

    /// <summary>N prompts: BOS alone, or BOS + the encoding of a story opening (cycling through the list).</summary>
    internal static IReadOnlyList<GeneratePrompt> BuildPrompts(GenerateBenchmarkOptions options, ITextTokenizer? tokenizer)
    {
        var bos = tokenizer?.BosId ?? 1; // llama2.c: BOS is 1 in the Llama 2 sentencepiece layout
        return Enumerable.Range(0, options.Prompts).Select(i =>
        {
            if (tokenizer is null || options.BosOnly) return new GeneratePrompt(null, [bos]);
            var text = Openings[i % Openings.Length];
            return new GeneratePrompt(text, [bos, .. tokenizer.Encode(text)]);
        }).ToList();
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
