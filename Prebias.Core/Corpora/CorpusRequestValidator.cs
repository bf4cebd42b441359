using Prebias.Core.Validation;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Synthetic;
using L = Prebias.Core.Validation.RequestLimits;

namespace Prebias.Core.Corpora;

/// <summary>
/// The documented ranges and lengths of a corpus request, checked before <see cref="CorpusSpecValidator"/> looks at
/// what the fields mean (kinds, formats, files on the server).
/// </summary>
public static class CorpusRequestValidator
{
    public static FieldErrors Validate(string? name, CorpusImportSpec spec)
    {
        var source = spec.Source;
        var errors = new FieldErrors().MaxLength("name", name, L.NameChars)
            .MaxLength("badDocuments", spec.BadDocuments, L.ShortTextChars)
            .Range("maxDocumentChars", spec.MaxDocumentChars, 1, L.MaxDocumentChars)
            .MaxLength("source.kind", source.Kind, L.ShortTextChars)
            .MaxLength("source.path", source.Path, L.PathChars)
            .MaxLength("source.url", source.Url, L.PathChars)
            .MaxLength("source.format", source.Format, L.ShortTextChars)
            .MaxLength("source.textField", source.TextField, L.ShortTextChars)
            .MaxLength("source.separator", source.Separator, L.ShortTextChars)
            .Range("source.shardLimit", source.ShardLimit, 1, L.MaxShardLimit);
        if (source.Synthetic is { } synthetic) ValidateSynthetic(synthetic, "source.synthetic", errors);
        return errors;
    }

    private static void ValidateSynthetic(SyntheticCorpusOptions options, string field, FieldErrors errors)
    {
        errors.Range($"{field}.documents", options.Documents, 1, L.MaxDocuments)
            .Range($"{field}.happyEndingShare", options.HappyEndingShare, 0, 1)
            .Range($"{field}.advancedShare", options.AdvancedShare, 0, 1)
            .Range($"{field}.profanityRate", options.ProfanityRate, 0, 1)
            .Range($"{field}.girlProtagonistShare", options.GirlProtagonistShare, 0, 1)
            .Range($"{field}.occupationShare", options.OccupationShare, 0, 1)
            .Range($"{field}.minSentences", options.MinSentences, 5, L.MaxSentences)
            .Range($"{field}.maxSentences", options.MaxSentences, 5, L.MaxSentences);
        if (options.OccupationHeShare.Count > L.MaxOccupations)
            errors.Add($"{field}.occupationHeShare", $"{field}.occupationHeShare must have at most {L.MaxOccupations} occupations.");
        foreach (var (occupation, share) in options.OccupationHeShare.Take(L.MaxOccupations))
        {
            errors.MaxLength($"{field}.occupationHeShare", occupation, L.ShortTextChars);
            errors.Range($"{field}.occupationHeShare.{occupation}", share, 0, 1);
        }
    }
}
