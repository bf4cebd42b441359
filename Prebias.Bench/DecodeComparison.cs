using System.Diagnostics;
using System.Globalization;
using Prebias.Core.Modeling;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Prebias.Bench;

/// <summary>
/// <see cref="SingleSequenceDecoder"/> against run.c on the same work, timed the same way: one prompt, the same
/// positions on both sides (run.c <c>-n</c>; both stop only when the argmax is BOS, as run.c does), and the rate
/// counted as run.c counts it: positions 1.. per second from the end of the first forward. Runs alternate (ours,
/// run.c, ours, ...) so load drifts hit both; prints median, min and max per side and
/// <c>decode_vs_runc_&lt;threads&gt;t: median ours / median run.c</c>.
/// </summary>
internal static class DecodeComparison
{
    private const int Bos = 1; // run.c's only stop id

    public static async Task<double> RunAsync(string binary, Transformer model, GeneratePrompt prompt, string modelBin,
        string tokenizerBin, RuncPrinter printer, GenerateBenchmarkOptions options, CancellationToken ct)
    {
        var steps = Math.Min(prompt.Ids.Length - 1 + options.Tokens, model.Args.MaxSeqLen);
        var decoder = new SingleSequenceDecoder(model, options.Threads);
        // Warm-up: the stage methods tier up after repeated calls (the kernels are AggressiveOptimization already).
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 2 && !ct.IsCancellationRequested;)
            LikeRunc(decoder, prompt.Ids, steps);
        var (ours, runc) = (new List<double>(), new List<double>());
        var (oursIds, oursPositions) = (new List<int>(), 0);
        RuncPeer.Result runcResult = null!;
        for (var repeat = 0; repeat < options.Repeats && !ct.IsCancellationRequested; repeat++)
        {
            (var rate, oursPositions, oursIds) = LikeRunc(decoder, prompt.Ids, steps);
            ours.Add(rate);
            runcResult = await RuncPeer.RunAsync(
                binary, modelBin, tokenizerBin, prompt.Text, steps, options.Threads, ct);
            runc.Add(runcResult.TokensPerSecond);
            Console.WriteLine(Invariant($"decode repeat {repeat}: ours {ours[^1]:F0}, run.c {runc[^1]:F0} tok/s"));
        }
        var expected = oursIds; // every id after the initial BOS, forced prompt ids included, as run.c prints them
        // run_ids prints every id it takes, the final BOS included; plain run.c prints text (stopping before BOS).
        var same = runcResult.Ids is { } ids
            ? ids.Count >= expected.Count && ids.SequenceEqual(expected.Append(Bos).Take(ids.Count))
            : printer.Render(expected).AsSpan().SequenceEqual(runcResult.Stdout);
        var what = runcResult.Ids is null ? "text" : "ids";
        Console.WriteLine($"decode positions: {oursPositions} of -n {steps} ({prompt.Text ?? "BOS"}); " +
            $"run.c {what} {(same ? "identical" : "DIFFER")}");
        Console.WriteLine(Invariant($"decode ours (threads {options.Threads}): {Summary(ours)}"));
        Console.WriteLine(Invariant($"decode run.c (OMP_NUM_THREADS={options.Threads}): {Summary(runc)}"));
        var ratio = GenerateBenchmark.Median(ours) / GenerateBenchmark.Median(runc);
        Console.WriteLine(Invariant($"decode_vs_runc_{options.Threads}t: {ratio:F2}"));
        return ratio;
    }

    /// <summary>
    /// run.c's main loop: forward at pos, force the prompt's next id or take the argmax, stop after BOS; the clock
    /// starts after the first forward. Returns the rate, the positions run and the ids after the initial BOS.
    /// </summary>
    private static (double Rate, int Positions, List<int> Ids) LikeRunc(
        SingleSequenceDecoder decoder, int[] prompt, int steps)
    {
        var ids = new List<int>(steps);
        var (token, pos) = (prompt[0], 0);
        Stopwatch? clock = null;
        while (pos < steps)
        {
            var logits = decoder.Forward(token, pos);
            var next = pos + 1 < prompt.Length ? prompt[pos + 1] : TensorPrimitives.IndexOfMax(logits);
            pos++;
            if (next == Bos) break;
            ids.Add(next);
            token = next;
            clock ??= Stopwatch.StartNew();
        }
        var seconds = clock?.Elapsed.TotalSeconds ?? 0;
        return (pos > 1 && seconds > 0 ? (pos - 1) / seconds : double.NaN, pos, ids);
    }

    private static string Summary(List<double> rates) =>
        Invariant($"median {GenerateBenchmark.Median(rates):F0} tok/s, min {rates.Min():F0}, max {rates.Max():F0}") +
        $" (n={rates.Count})";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
