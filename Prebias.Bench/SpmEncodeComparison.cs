using System.Diagnostics;
using System.Text;
using Prebias.Core.Tokenization;

namespace Prebias.Bench;

/// <summary>
/// Times Debian's <c>spm_encode --output_format=id</c> on the same one-line documents (it has no thread option, so
/// <c>threads</c> processes each encode a contiguous slice) and compares its ids with ours line by line.
/// </summary>
internal static class SpmEncodeComparison
{
    public sealed record Result(long Tokens, double Seconds, int MatchingLines, int? FirstMismatch);

    public static async Task<Result> RunAsync(
        string modelPath, IReadOnlyList<string> lines, int threads, ITextTokenizer tokenizer, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("prebias-spm-bench-").FullName;
        try
        {
            var sliceSize = (lines.Count + threads - 1) / threads;
            var slices = Enumerable.Range(0, threads).Select(t => (Input: Path.Combine(directory, $"in{t}.txt"),
                Output: Path.Combine(directory, $"out{t}.txt"), Lines: lines.Skip(t * sliceSize).Take(sliceSize).ToList())).ToList();
            foreach (var slice in slices)
                await File.WriteAllTextAsync(slice.Input, string.Concat(slice.Lines.Select(l => l + "\n")), new UTF8Encoding(false), ct);

            var clock = Stopwatch.StartNew();
            var runs = await Task.WhenAll(slices.Select(s => ExternalTool.RunAsync("spm_encode",
                [$"--model={modelPath}", "--output_format=id", $"--input={s.Input}", $"--output={s.Output}"], ct)));
            var seconds = clock.Elapsed.TotalSeconds;
            if (runs.FirstOrDefault(r => r.ExitCode != 0) is { } failed)
                throw new InvalidOperationException($"spm_encode failed: {failed.StandardErrorTail}");

            var expected = slices.SelectMany(s => File.ReadLines(s.Output)).ToList();
            long tokens = 0;
            int matching = 0;
            int? firstMismatch = null;
            for (var i = 0; i < lines.Count; i++)
            {
                var spmIds = i < expected.Count ? expected[i] : "<missing>";
                tokens += spmIds.Length == 0 ? 0 : spmIds.Count(c => c == ' ') + 1;
                if (spmIds == string.Join(' ', tokenizer.Encode(lines[i]))) matching++;
                else firstMismatch ??= i;
            }
            return new Result(tokens, seconds, matching, firstMismatch);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
