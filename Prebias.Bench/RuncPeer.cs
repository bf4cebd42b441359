using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Prebias.Bench;

/// <summary>
/// Runs llama2.c's <c>run</c> binary greedily (<c>run model.bin -z tokenizer.bin -t 0.0 -n STEPS [-i PROMPT]</c>,
/// OMP_NUM_THREADS set) and reads its stdout, its "achieved tok/s" figure and, when the binary is a copy instrumented
/// to print <c>id N</c> per sampled/forced token on stderr, those ids.
/// </summary>
internal static partial class RuncPeer
{
    /// <summary>stdout bytes, the ids (null when the binary does not print them) and run.c's own tok/s.</summary>
    public sealed record Result(byte[] Stdout, IReadOnlyList<int>? Ids, double TokensPerSecond);

    public static async Task<Result> RunAsync(
        string binary, string modelBin, string tokenizerBin, string? prompt, int steps, int threads, CancellationToken ct)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        string[] arguments = [modelBin, "-z", tokenizerBin, "-t", "0.0", "-n", steps.ToString(CultureInfo.InvariantCulture)];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (prompt is not null)
        {
            start.ArgumentList.Add("-i");
            start.ArgumentList.Add(prompt);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await copy;
        var errors = await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{binary} exited with {process.ExitCode}: {errors}");

        var rate = RateRegex().Match(errors);
        var ids = IdRegex().Matches(errors).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return new Result(stdout.ToArray(), ids.Count > 0 ? ids : null,
            rate.Success ? double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
    }

    [GeneratedRegex(@"achieved tok/s: ([0-9.]+)")]
    private static partial Regex RateRegex();

    [GeneratedRegex(@"^id (\d+)$", RegexOptions.Multiline)]
    private static partial Regex IdRegex();
}
