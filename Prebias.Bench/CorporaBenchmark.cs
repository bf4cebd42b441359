using System.Diagnostics;
using System.Globalization;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.Synthetic;

namespace Prebias.Bench;

/// <summary>
/// <c>bench corpora --input &lt;file.jsonl&gt; [--repeat N] [--synthetic N]</c>: imports the JSONL file repeated N times
/// (default 20) into a corpus, pages through it in text batches, and generates N synthetic stories (default 100000).
/// Last line: <c>import_mb_per_second: X</c>.
/// </summary>
public static class CorporaBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var input = Arg("--input") ?? throw new ArgumentException("--input <file.jsonl> is required");
        var repeat = int.Parse(Arg("--repeat") ?? "20", CultureInfo.InvariantCulture);
        var synthetic = int.Parse(Arg("--synthetic") ?? "100000", CultureInfo.InvariantCulture);
        var work = Path.Combine(Path.GetTempPath(), "prebias-bench-corpora-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var source = Path.Combine(work, "input.jsonl");
            var bytes = File.ReadAllBytes(input);
            using (var file = File.Create(source))
                for (var i = 0; i < repeat; i++) file.Write(bytes);
            var inputBytes = new FileInfo(source).Length;

            var clock = Stopwatch.StartNew();
            var report = CorpusFileImporter.ImportToDirectory(source, Path.Combine(work, "imported"), ct: ct);
            var importSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"import: {report.Imported} documents, {inputBytes / 1e6:F1} MB in {importSeconds:F2} s " +
                              $"({report.Imported / importSeconds:F0} documents/s)");

            clock.Restart();
            long chars = 0;
            using (var reader = CorpusReader.Open(Path.Combine(work, "imported")))
                foreach (var batch in reader.ReadTextBatches(1024))
                    foreach (var text in batch.Texts) chars += text.Length;
            var readSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"read back: {report.Imported / readSeconds:F0} documents/s ({chars} chars)");

            clock.Restart();
            var summary = SyntheticStoryGenerator.WriteCorpus(Path.Combine(work, "synthetic"),
                new SyntheticCorpusOptions { Documents = synthetic }, ct: ct);
            var syntheticSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"synthetic: {summary.DocumentCount} stories, {summary.Bytes / 1e6:F1} MB in {syntheticSeconds:F2} s " +
                              $"({summary.DocumentCount / syntheticSeconds:F0} stories/s)");
            Console.WriteLine($"import_mb_per_second: {inputBytes / 1e6 / importSeconds:F1}");
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
