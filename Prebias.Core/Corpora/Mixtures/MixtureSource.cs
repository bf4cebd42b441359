using System.Text.Json;
using Prebias.Core.Domain;

namespace Prebias.Core.Corpora.Mixtures;

/// <summary>What a stored mixture corpus was mixed from, read back from the request that the launcher stored with
/// it (<see cref="CorpusRecord.Source"/>).</summary>
/// <param name="Parts">The parts in request order: part i is <c>origin = i</c>.</param>
/// <param name="Size">Documents in the mixture.</param>
/// <param name="Seed">Seed of the draws and the interleaving.</param>
public sealed record MixtureSource(IReadOnlyList<MixturePart> Parts, int Size, long Seed)
{
    /// <summary>The mixture of <paramref name="corpus"/>; null when it is not a mixture.</summary>
    public static MixtureSource? Of(CorpusRecord corpus)
    {
        if (corpus.SourceKind != "mixture") return null;
        var source = JsonSerializer.Deserialize<CorpusImportSpec>(corpus.Source, JsonDefaults.Options)?.Source;
        return source is { Parts: { Length: > 0 } parts, Size: { } size }
            ? new MixtureSource(parts, size, source.Seed ?? 0) : null;
    }
}
