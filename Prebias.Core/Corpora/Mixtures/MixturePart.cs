namespace Prebias.Core.Corpora.Mixtures;

/// <summary>One corpus of a mixture (<c>source.mixture</c> of <c>POST /api/corpora</c>) and its weight; weights
/// need not sum to 1, only their ratios count (as in Dolma's <c>mix</c> and DoReMi's domain weights).</summary>
public sealed record MixturePart(Guid CorpusId, double Weight);
