using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.Synthetic;
using ZstdSharp;

namespace Prebias.Bench;

/// <summary>
/// <c>bench imports [--input file.jsonl] [--field story] [--documents N] [--repeat R]</c>: writes the same rows as
/// JSONL, Parquet (row groups of 50,000; once text only, once with a boolean column kept as an attribute),
/// <c>.jsonl.gz</c> and <c>.jsonl.zst</c>, imports each R times (default 3, interleaved, best kept) and prints
/// documents/s, MB/s (MB being the bytes on disk) and the managed MB one import allocates per format, with the
/// Parquet/JSONL ratio (the peer is the JSONL import in the same run). Rows come from <c>--input</c> (e.g. /work/shared/data's TinyStories sample, cycled to N
/// rows) or N synthetic stories (default 200,000).
/// </summary>
public static class ImportFormatsBenchmark
{
    private const int RowGroup = 50_000;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var documents = int.Parse(Arg("--documents") ?? "200000", CultureInfo.InvariantCulture);
        var repeat = int.Parse(Arg("--repeat") ?? "3", CultureInfo.InvariantCulture);
        var work = Path.Combine(Path.GetTempPath(), "prebias-bench-imports-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            // The rows live only while the files are written: every collection inside a timed import would walk them.
            var input = Arg("--input");
            var (jsonl, parquet, textOnly, gzip, zstd) = await WriteFilesAsync(work, () => input is null
                ? Synthetic(work, documents, ct) : ReadTexts(input, Arg("--field") ?? "story", documents));

            var options = new CorpusImportOptions { TextField = "text", TextColumn = "text" };
            var rates = Measure([("jsonl", jsonl), ("parquet", parquet), ("parquet_text_only", textOnly),
                ("gzip_jsonl", gzip), ("zstd_jsonl", zstd)], options, repeat, work, ct);
            var textOnlyRatio = rates["parquet_text_only"] / rates["jsonl"];
            Console.WriteLine($"parquet_text_only_vs_jsonl_docs_ratio: {textOnlyRatio:F2}");
            Console.WriteLine($"parquet_vs_jsonl_docs_ratio: {rates["parquet"] / rates["jsonl"]:F2}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(string Jsonl, string Parquet, string TextOnly, string Gzip, string Zstd)> WriteFilesAsync(
        string work, Func<List<string>> rows)
    {
        var texts = rows();
        Console.WriteLine($"rows: {texts.Count} documents, {texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)) / 1e6:F1} MB of text");
        var jsonl = Path.Combine(work, "rows.jsonl");
        await WriteJsonLinesAsync(jsonl, texts);
        var parquet = Path.Combine(work, "rows.parquet");
        await WriteParquetAsync(parquet, texts, withAttribute: true);
        var textOnly = Path.Combine(work, "text-only.parquet");
        await WriteParquetAsync(textOnly, texts, withAttribute: false);
        var gzip = jsonl + ".gz";
        using (var from = File.OpenRead(jsonl)) using (var to = new GZipStream(File.Create(gzip), CompressionLevel.Optimal)) from.CopyTo(to);
        var zstd = jsonl + ".zst";
        // ZstdSharp leaves the inner stream open: the file is closed here, after the frame's end is written.
        using (var from = File.OpenRead(jsonl))
        using (var file = File.Create(zstd))
        using (var to = new CompressionStream(file, 3))
            from.CopyTo(to);
        return (jsonl, parquet, textOnly, gzip, zstd);
    }

    /// <summary>Best of <paramref name="repeat"/> imports of each file, interleaved (round r imports every format once,
    /// so load that comes and goes hits all of them alike); prints and returns documents/s per label. Each time
    /// includes a full collection of the garbage that import left, so no format pays for the one before it.</summary>
    private static Dictionary<string, double> Measure(IReadOnlyList<(string Label, string Path)> files,
        CorpusImportOptions options, int repeat, string work, CancellationToken ct)
    {
        var best = files.ToDictionary(f => f.Label, _ => double.MaxValue);
        var imported = new Dictionary<string, int>();
        var allocated = new Dictionary<string, long>();
        for (var r = 0; r < repeat; r++)
            foreach (var (label, path) in files)
            {
                var target = Path.Combine(work, $"{label}-{r}");
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                imported[label] = CorpusFileImporter.ImportToDirectory(path, target, options, ct).Imported;
                allocated[label] = GC.GetTotalAllocatedBytes(precise: true) - before;
                GC.Collect();
                GC.WaitForPendingFinalizers();
                best[label] = Math.Min(best[label], clock.Elapsed.TotalSeconds);
                Directory.Delete(target, recursive: true);
            }
        var rates = new Dictionary<string, double>();
        foreach (var (label, path) in files)
        {
            var bytes = new FileInfo(path).Length;
            rates[label] = imported[label] / best[label];
            Console.WriteLine($"{label}_docs_per_second: {rates[label]:F0}");
            Console.WriteLine($"{label}_mb_per_second: {bytes / 1e6 / best[label]:F1}");
            Console.WriteLine($"{label}_file_mb: {bytes / 1e6:F1}");
            Console.WriteLine($"{label}_allocated_mb: {allocated[label] / 1e6:F1}");
        }
        return rates;
    }

    /// <summary>The input's texts, cycled until there are <paramref name="count"/> (a sample of a few hundred stories
    /// imports in milliseconds, too short to time).</summary>
    private static List<string> ReadTexts(string input, string field, int count)
    {
        List<string> texts = [.. File.ReadLines(input).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty(field).GetString() ?? "")];
        return [.. Enumerable.Range(0, count).Select(i => texts[i % texts.Count])];
    }

    private static List<string> Synthetic(string work, int documents, CancellationToken ct)
    {
        var folder = Path.Combine(work, "synthetic");
        SyntheticStoryGenerator.WriteCorpus(folder, new SyntheticCorpusOptions { Documents = documents }, ct: ct);
        using var reader = CorpusReader.Open(folder);
        return [.. reader.ReadTexts(0, reader.Count)];
    }

    private static async Task WriteJsonLinesAsync(string path, List<string> texts)
    {
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < texts.Count; i++)
            await file.WriteLineAsync(JsonSerializer.Serialize(new { text = texts[i], even = i % 2 == 0 }));
    }

    /// <param name="withAttribute">Adds the boolean column <c>even</c>, which the import keeps as an attribute.</param>
    private static async Task WriteParquetAsync(string path, List<string> texts, bool withAttribute)
    {
        var text = new DataField<string>("text");
        var even = new DataField<bool>("even");
        await using var file = File.Create(path);
        var schema = withAttribute ? new ParquetSchema(text, even) : new ParquetSchema(text);
        // Snappy pages and no dictionary for the text, as Hugging Face shards of unique stories end up (pyarrow gives
        // up on a dictionary past 1 MB); a cycled --input would otherwise get a dictionary of its repeats.
        var options = new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Snappy,
            DictionaryEncodingThreshold = 0,
        };
        await using var writer = await ParquetWriter.CreateAsync(schema, file, options);
        for (var start = 0; start < texts.Count; start += RowGroup)
        {
            var rows = texts.Skip(start).Take(RowGroup).ToArray();
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(text, rows);
            if (withAttribute)
                await group.WriteAsync<bool>(even, rows.Select((_, i) => (start + i) % 2 == 0).ToArray().AsMemory());
        }
    }
}
