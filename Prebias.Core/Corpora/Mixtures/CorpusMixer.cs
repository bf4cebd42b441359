using System.Globalization;
using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Ordering;

namespace Prebias.Core.Corpora.Mixtures;

/// <summary>
/// Builds a corpus as a weighted mixture of others. Part i gets <c>size · wᵢ / Σw</c> documents (largest remainder,
/// so the counts sum to the size exactly); each part's documents are drawn by a seeded shuffle of its indices, cycling
/// through fresh shuffles when a part must give more documents than it has; the drawn documents are then shuffled
/// together. Each keeps its attributes and records its origin: <c>origin</c> (the part's position, a number, so
/// <c>attr.origin</c> works as a metric), <c>origin_corpus</c> (the part's corpus id) and <c>origin_document</c>.
/// Same parts, weights, size and seed: the same bytes.
/// </summary>
public static class CorpusMixer
{
    public const string OriginAttribute = "origin";
    public const string OriginCorpusAttribute = "origin_corpus";
    public const string OriginDocumentAttribute = "origin_document";

    /// <summary>Documents per part for <paramref name="size"/> documents in all (largest remainder, ties to the first part).</summary>
    public static int[] Counts(IReadOnlyList<double> weights, int size)
    {
        var total = weights.Sum();
        var exact = weights.Select(w => size * w / total).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = size - counts.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(left))
            counts[i]++;
        return counts;
    }

    /// <param name="parts">Each part's corpus id and opened reader, with its weight.</param>
    /// <param name="written">Reports documents written so far.</param>
    public static CorpusSummary Write(IReadOnlyList<(Guid CorpusId, CorpusReader Reader, double Weight)> parts, int size,
        long seed, string directory, IProgress<int>? written = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var counts = Counts([.. parts.Select(p => p.Weight)], size);
        var drawn = new List<(int Part, int Document)>(size);
        for (var p = 0; p < parts.Count; p++)
        {
            var available = parts[p].Reader.Count;
            if (available == 0 && counts[p] > 0) throw new InvalidDataException($"Mixture part {p} ({parts[p].CorpusId}) has no documents.");
            var indices = new int[available];
            for (int round = 0, got = 0; got < counts[p]; round++)
            {
                for (var i = 0; i < available; i++) indices[i] = i;
                Shuffler.Shuffle(indices, Shuffler.Stream(unchecked((ulong)seed), round, part: p + 1));
                var take = Math.Min(available, counts[p] - got);
                var part = p;
                drawn.AddRange(indices.Take(take).Select(i => (part, i)));
                got += take;
            }
        }
        var order = Enumerable.Range(0, drawn.Count).ToArray();
        Shuffler.Shuffle(order, Shuffler.Stream(unchecked((ulong)seed), 0, part: 0));

        using var writer = CorpusWriter.Create(directory);
        foreach (var position in order)
        {
            ct.ThrowIfCancellationRequested();
            var (part, index) = drawn[position];
            var document = parts[part].Reader.Get(index);
            var attributes = document.Attributes is null
                ? new Dictionary<string, string>(3, StringComparer.Ordinal)
                : new Dictionary<string, string>(document.Attributes, StringComparer.Ordinal);
            attributes[OriginAttribute] = part.ToString(CultureInfo.InvariantCulture);
            attributes[OriginCorpusAttribute] = parts[part].CorpusId.ToString();
            attributes[OriginDocumentAttribute] = index.ToString(CultureInfo.InvariantCulture);
            writer.Write(document.Text, attributes);
            if (writer.Count % 10_000 == 0) written?.Report(writer.Count);
        }
        return writer.Complete();
    }
}
