using System.Collections.Concurrent;
using Prebias.Core.Metrics.Lexicons;
using Prebias.Core.Metrics.Ngrams;

namespace Prebias.Core.Metrics;

/// <summary>
/// Scores texts with the selected text metrics into flat vectors, in registry order (<see cref="Columns"/>).
/// Thread-safe: each thread gets its own <see cref="TextAnalyzer"/> buffers. Build one per options set and reuse it.
/// </summary>
public sealed class TextMetricsScorer
{
    private readonly TextFormula[] _formulas;
    private readonly ThreadLocal<TextAnalyzer> _analyzers;

    /// <param name="options">Null → defaults.</param>
    /// <param name="metrics">Metric names (validated, text metrics only); null or empty → every text metric.</param>
    /// <param name="reference">The dataset's train-split 3-gram model (<see cref="MetricDefinition.NeedsReference"/>);
    /// null → oov_rate and ngram_perplexity are NaN.</param>
    /// <exception cref="UnknownMetricException">An unknown or model-based name was requested.</exception>
    public TextMetricsScorer(TextMetricsOptions? options = null, IEnumerable<string>? metrics = null, KneserNeyTrigramModel? reference = null)
    {
        Options = options ?? new TextMetricsOptions();
        Columns = MetricRegistry.Resolve(metrics, MetricKind.Text);
        _formulas = [.. Columns.Select(c => c.Formula!)];
        var bleu = new SentenceBleu(Options.BleuReference);
        LexiconStore.WarmUp();
        _analyzers = new ThreadLocal<TextAnalyzer>(() => new TextAnalyzer(bleu, reference));
    }

    public TextMetricsOptions Options { get; }

    /// <summary>The metrics in each score vector, in order.</summary>
    public IReadOnlyList<MetricDefinition> Columns { get; }

    public int ColumnCount => _formulas.Length;

    /// <summary>The calling thread's analyzer (for <see cref="TextAnalyzer.Analyze"/> with per-occupation counts).</summary>
    public TextAnalyzer Analyzer => _analyzers.Value!;

    /// <summary>Writes <see cref="ColumnCount"/> values for <paramref name="text"/> into <paramref name="destination"/>.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="destination">At least <see cref="ColumnCount"/> values.</param>
    /// <param name="tokenizerTokens">Model tokenizer token count for compression_ratio; null → bytes per word.</param>
    public void Score(ReadOnlySpan<char> text, Span<double> destination, int? tokenizerTokens = null)
    {
        var features = Analyzer.Analyze(text, tokenizerTokens);
        for (var c = 0; c < _formulas.Length; c++) destination[c] = _formulas[c](features);
    }

    public double[] Score(string text, int? tokenizerTokens = null)
    {
        var row = new double[ColumnCount];
        Score(text, row, tokenizerTokens);
        return row;
    }

    /// <summary>
    /// Scores every text on all cores into a row-major matrix: row i (text i) is
    /// <c>result[i * ColumnCount .. (i + 1) * ColumnCount]</c>.
    /// </summary>
    /// <param name="texts">Texts to score.</param>
    /// <param name="tokenizerTokens">Optional, same length as <paramref name="texts"/>.</param>
    /// <param name="onProgress">Called from worker threads with the number of texts done so far (once per chunk).</param>
    /// <param name="cancellationToken">Stops scheduling new chunks; throws <see cref="OperationCanceledException"/>.</param>
    public double[] ScoreBatch(IReadOnlyList<string> texts, IReadOnlyList<int>? tokenizerTokens = null,
        Action<int>? onProgress = null, CancellationToken cancellationToken = default)
    {
        if (tokenizerTokens is not null && tokenizerTokens.Count != texts.Count)
            throw new ArgumentException("One token count per text is required.", nameof(tokenizerTokens));
        var columns = ColumnCount;
        var result = new double[texts.Count * columns];
        var done = 0;
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
        };
        var chunks = Partitioner.Create(0, texts.Count, Math.Max(1, Options.BatchChunkSize));
        Parallel.ForEach(chunks, parallel, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
                Score(texts[i], result.AsSpan(i * columns, columns), tokenizerTokens?[i]);
            var total = Interlocked.Add(ref done, range.Item2 - range.Item1);
            onProgress?.Invoke(total);
        });
        return result;
    }
}
