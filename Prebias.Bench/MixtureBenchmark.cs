using System.Diagnostics;
using System.Globalization;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Mixtures;
using Prebias.Core.Corpora.Synthetic;
using Prebias.Workers;

namespace Prebias.Bench;

/// <summary>
/// <c>bench mixture [--documents 50000] [--size 100000] [--repeat 3]</c>: writes two synthetic corpora of
/// <c>--documents</c> stories each (happy-ending share 0.9 and 0.1, as a sentiment mixture would pair them), then
/// builds their 0.7 / 0.3 mixture of <c>--size</c> documents with <see cref="CorpusMixer"/> (the work of a
/// <c>source.kind: "mixture"</c> import: seeded draws, a shuffle across parts, random reads, origin attributes)
/// against the peer in the same run: a straight copy of the same counts, read in order from each part and written
/// with the same attributes. Best of the repeats. Last line: <c>mixture_docs_per_second: X</c>.
/// </summary>
public static class MixtureBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new CommandArgs(args);
        var documents = a.GetInt("documents", 50_000);
        var size = a.GetInt("size", 100_000);
        var repeat = a.GetInt("repeat", 3);
        var work = Directory.CreateTempSubdirectory("prebias-bench-mixture-").FullName;
        try
        {
            double[] weights = [0.7, 0.3];
            var folders = new[] { 0.9, 0.1 }.Select((share, i) =>
            {
                var folder = Path.Combine(work, $"part-{i}");
                SyntheticStoryGenerator.WriteCorpus(folder, new SyntheticCorpusOptions
                {
                    Documents = documents, HappyEndingShare = share, Seed = (ulong)i + 1,
                }, ct: ct);
                return folder;
            }).ToList();
            var readers = folders.Select(CorpusReader.Open).ToList();
            try
            {
                var parts = readers.Select((r, i) => (Guid.NewGuid(), r, weights[i])).ToList();
                double bestMix = double.MaxValue, bestCopy = double.MaxValue;
                long bytes = 0;
                for (var r = 0; r < repeat; r++)
                {
                    var clock = Stopwatch.StartNew();
                    bytes = CorpusMixer.Write(parts, size, seed: r + 1, Path.Combine(work, $"mix-{r}"), ct: ct).Bytes;
                    var mix = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    Copy(parts, CorpusMixer.Counts(weights, size), Path.Combine(work, $"copy-{r}"), ct);
                    var copy = clock.Elapsed.TotalSeconds;
                    Console.WriteLine($"repeat {r + 1}: mixture {mix:F2} s, straight copy {copy:F2} s");
                    (bestMix, bestCopy) = (Math.Min(bestMix, mix), Math.Min(bestCopy, copy));
                    Directory.Delete(Path.Combine(work, $"mix-{r}"), recursive: true);
                    Directory.Delete(Path.Combine(work, $"copy-{r}"), recursive: true);
                }
                Console.WriteLine($"mixture: {size:N0} documents, {bytes / 1e6:F1} MB from 2 parts of {documents:N0}");
                Console.WriteLine(Figure("copy_docs_per_second", size / bestCopy));
                Console.WriteLine(Figure("mixture_mb_per_second", bytes / 1e6 / bestMix));
                Console.WriteLine(Figure("mixture_vs_copy", bestCopy / bestMix, "F2"));
                Console.WriteLine(Figure("mixture_docs_per_second", size / bestMix));
                return Task.FromResult(0);
            }
            finally
            {
                foreach (var reader in readers) reader.Dispose();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The peer: each part's first documents in order, with the origin attributes a mixture adds.</summary>
    private static void Copy(IReadOnlyList<(Guid CorpusId, CorpusReader Reader, double Weight)> parts, int[] counts,
        string directory, CancellationToken ct)
    {
        using var writer = CorpusWriter.Create(directory);
        for (var p = 0; p < parts.Count; p++)
        {
            var copied = 0;
            while (copied < counts[p])
                foreach (var document in parts[p].Reader.ReadAll().Take(counts[p] - copied))
                {
                    ct.ThrowIfCancellationRequested();
                    var attributes = document.Attributes is null
                        ? new Dictionary<string, string>(3, StringComparer.Ordinal)
                        : new Dictionary<string, string>(document.Attributes, StringComparer.Ordinal);
                    attributes[CorpusMixer.OriginAttribute] = p.ToString(CultureInfo.InvariantCulture);
                    attributes[CorpusMixer.OriginCorpusAttribute] = parts[p].CorpusId.ToString();
                    attributes[CorpusMixer.OriginDocumentAttribute] = copied.ToString(CultureInfo.InvariantCulture);
                    writer.Write(document.Text, attributes);
                    copied++;
                }
        }
        writer.Complete();
    }

    private static string Figure(string name, double value, string format = "F1") =>
        $"{name}: {value.ToString(format, CultureInfo.InvariantCulture)}";
}
