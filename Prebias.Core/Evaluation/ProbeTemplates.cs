namespace Prebias.Core.Evaluation;

/// <summary>Fills the probe templates' placeholders.</summary>
public static class ProbeTemplates
{
    /// <summary>
    /// Replaces <c>{subject}</c>, <c>{a}</c>/<c>{A}</c> ("a" or "an" by the subject's first letter, lower/capitalised),
    /// and, for minimal pairs, <c>{he}</c>/<c>{He}</c> (she/he), <c>{his}</c> (her/his) and <c>{him}</c> (her/him).
    /// </summary>
    /// <param name="feminine">Pronoun forms to use; null leaves the pronoun placeholders untouched.</param>
    public static string Fill(string template, string subject, bool? feminine = null)
    {
        var article = subject.Length > 0 && "aeiouAEIOU".Contains(subject[0]) ? "an" : "a";
        var text = template
            .Replace("{subject}", subject, StringComparison.Ordinal)
            .Replace("{a}", article, StringComparison.Ordinal)
            .Replace("{A}", char.ToUpperInvariant(article[0]) + article[1..], StringComparison.Ordinal);
        if (feminine is not { } f) return text;
        return text
            .Replace("{he}", f ? "she" : "he", StringComparison.Ordinal)
            .Replace("{He}", f ? "She" : "He", StringComparison.Ordinal)
            .Replace("{his}", f ? "her" : "his", StringComparison.Ordinal)
            .Replace("{him}", f ? "her" : "him", StringComparison.Ordinal);
    }
}
