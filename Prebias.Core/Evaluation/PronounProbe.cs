namespace Prebias.Core.Evaluation;

/// <summary>
/// One pronoun contrast of the bias probe: log P(<see cref="Feminine"/> | context) − log P(<see cref="Masculine"/> |
/// context) for every template filled with every subject. Continuations carry their leading space (" she"), so a
/// SentencePiece vocabulary scores its "▁she" piece(s). Template placeholders: <c>{subject}</c>, <c>{a}</c> / <c>{A}</c>
/// (the article "a"/"an" fitting the subject, lower/capitalised), see <see cref="ProbeTemplates.Fill"/>.
/// </summary>
/// <param name="Name">Key of the contrast in results, e.g. "she_he".</param>
/// <param name="Feminine">Feminine continuation, e.g. " she".</param>
/// <param name="Masculine">Masculine continuation, e.g. " he".</param>
/// <param name="Templates">Contexts ending just before the pronoun.</param>
public sealed record PronounProbe(string Name, string Feminine, string Masculine, IReadOnlyList<string> Templates);
