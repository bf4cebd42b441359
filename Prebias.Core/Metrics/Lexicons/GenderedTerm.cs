namespace Prebias.Core.Metrics.Lexicons;

/// <summary>A gendered word; pronouns are the ones used for occupation co-occurrence.</summary>
public readonly record struct GenderedTerm(Gender Gender, bool IsPronoun);
