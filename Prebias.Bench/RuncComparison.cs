using System.Globalization;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;

namespace Prebias.Bench;

/// <summary>
/// Exports the model and tokenizer for llama2.c, runs run.c greedily on every distinct prompt and checks that its
/// tokens equal ours (ids when the binary prints them, else its stdout against <see cref="RuncPrinter"/>'s rendering
/// of our ids), then prints run.c's tok/s (median over prompts of the median over --repeats runs).
/// </summary>
internal static class RuncComparison
{
    /// <summary>Returns run.c's median tok/s over prompts and the exported model.bin, tokenizer.bin and printer.</summary>
    public static async Task<(double Rate, string ModelBin, string TokenizerBin, RuncPrinter Printer)> RunAsync(string binary, Transformer model, ITextTokenizer? tokenizer,
        IReadOnlyList<GeneratePrompt> prompts, IReadOnlyList<int[]> ours, GenerateBenchmarkOptions options, string outDir,
        CancellationToken ct)
    {
        var modelBin = Path.Combine(outDir, "model.bin");
        var tokenizerBin = Path.Combine(outDir, "tokenizer.bin");
        Llama2cExporter.Export(model, modelBin);
        // run.c reads vocab_size pieces: pad a smaller vocabulary (or llama2.c's byte layout) with timing-only fillers.
        Llama2cTokenizerExporter.Export(tokenizer, model.Args.VocabSize, tokenizerBin);
        Console.WriteLine($"exported {modelBin} and {tokenizerBin}" +
            (tokenizer is null || tokenizer.VocabSize < model.Args.VocabSize ? " (timing-only filler pieces)" : ""));
        var printer = RuncPrinter.Load(tokenizerBin);

        var rates = new List<double>();
        var matches = 0;
        var distinct = Enumerable.Range(0, prompts.Count).DistinctBy(i => prompts[i].Text).ToList();
        foreach (var i in distinct)
        {
            // run.c counts positions: BOS at 0 forces the prompt tokens, then samples; -n = prompt tokens after BOS + new tokens.
            var expected = prompts[i].Ids.Skip(1).Concat(ours[i]).ToList();
            var steps = Math.Min(expected.Count, model.Args.MaxSeqLen);
            var bosAt = expected.IndexOf(1);
            if (bosAt >= 0) expected = expected.Take(bosAt + 1).ToList(); // run.c stops after sampling BOS
            RuncPeer.Result result = null!;
            var promptRates = new List<double>();
            for (var repeat = 0; repeat < options.Repeats; repeat++)
            {
                result = await RuncPeer.RunAsync(binary, modelBin, tokenizerBin, prompts[i].Text, steps, options.Threads, ct);
                promptRates.Add(result.TokensPerSecond);
            }
            rates.Add(GenerateBenchmark.Median(promptRates));
            var label = prompts[i].Text is { } text ? $"\"{text}\"" : "BOS";
            string verdict;
            if (result.Ids is { } ids)
            {
                var first = Enumerable.Range(0, Math.Min(ids.Count, expected.Count)).FirstOrDefault(k => ids[k] != expected[k], -1);
                verdict = first < 0 && ids.Count == expected.Count
                    ? $"identical ids ({ids.Count} tokens)"
                    : first < 0 ? $"lengths differ: run.c {ids.Count}, ours {expected.Count}"
                    : $"first difference at token {first}: run.c {ids[first]}, ours {expected[first]}";
                if (first < 0 && ids.Count == expected.Count) matches++;
            }
            else
            {
                var rendered = printer.Render(expected);
                var same = rendered.AsSpan().SequenceEqual(result.Stdout);
                verdict = same ? $"identical text ({result.Stdout.Length} bytes)"
                    : $"text differs at byte {CommonPrefix(rendered, result.Stdout)}";
                if (same) matches++;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run.c {label}: {rates[^1]:F1} tok/s (median of {promptRates.Count}), {verdict}"));
            if (i == distinct[0]) Console.WriteLine($"run.c output: {RuncPrinter.Show(result.Stdout).ReplaceLineEndings(" ").Trim()}");
        }
        Console.WriteLine($"run.c greedy outputs identical: {matches}/{distinct.Count}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run.c tokens_per_second (OMP_NUM_THREADS={options.Threads}): median {GenerateBenchmark.Median(rates):F1}, best {rates.Max():F1} (over {rates.Count} prompts)"));
        return (GenerateBenchmark.Median(rates), modelBin, tokenizerBin, printer);
    }

    private static int CommonPrefix(byte[] a, byte[] b) => a.AsSpan().CommonPrefixLength(b);
}
