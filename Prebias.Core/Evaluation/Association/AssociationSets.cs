using System.Text.RegularExpressions;
using Prebias.Core.Evaluation;
using Prebias.Core.Metrics.Lexicons;

namespace Prebias.Core.Evaluation.Association;

/// <summary>
/// The named word sets a PMI table can pair, all single lower-case words (PMI counts texts holding any word of a
/// set, so multi-word phrases such as "police officer" or AFINN's "not good" are left out rather than half-matched).
/// Built from the lexicons the metrics already use, so a set means the same thing here as in the metric tables.
/// </summary>
public static partial class AssociationSets
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> NamedLazy = new(Build);

    /// <summary>gender_female, gender_male, occupations, afinn_positive, afinn_negative.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Named => NamedLazy.Value;

    /// <summary>
    /// The named sets plus user sets written <c>name:word,word,…</c>, and the pairs to score: every set named in
    /// <paramref name="a"/> (comma-separated) against every set in <paramref name="b"/>. Errors are keyed by the
    /// query field (<c>a</c>, <c>b</c> or <c>set</c>) that caused them; empty when every name is a set.
    /// </summary>
    public static Dictionary<string, string[]> Resolve(string? a, string? b, IReadOnlyList<string>? custom,
        out Dictionary<string, IReadOnlySet<string>> sets, out List<(string A, string B)> pairs)
    {
        sets = new Dictionary<string, IReadOnlySet<string>>(Named);
        var errors = new Dictionary<string, string[]>();
        foreach (var entry in custom ?? [])
        {
            var colon = entry.IndexOf(':');
            var name = colon > 0 ? entry[..colon].Trim().ToLowerInvariant() : "";
            var words = colon > 0 ? Words(entry[(colon + 1)..]) : [];
            if (!NamePattern().IsMatch(name) || words.Count == 0 || Named.ContainsKey(name))
                errors["set"] = [$"'{entry}' is not name:word,word with a new name of a-z, 0-9 and _."];
            else sets[name] = words;
        }
        var names = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("a", a), ("b", b) })
        {
            names[field] = (value ?? "").Split(',',
                StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var known = sets;
            if (names[field].Length == 0 || names[field].Any(n => !known.ContainsKey(n)))
                errors[field] = [$"'{value}' is not a word set (or a comma-separated list of them); known: "
                    + $"{string.Join(", ", sets.Keys.Order())}."];
        }
        pairs = [.. names["a"].SelectMany(x => names["b"].Select(y => (x, y))).Distinct()];
        return errors;
    }

    private static HashSet<string> Words(string list) =>
        [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant()).Where(w => !w.Contains(' '))];

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex NamePattern();

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> Build()
    {
        var gender = GenderLexicon.Entries().ToList();
        var afinn = LexiconResources.ReadAfinn().Where(p => !p.Phrase.Contains(' ')).ToList();
        // The bias probe's occupations, so the table and the probe talk about the same jobs; plural "+s" as in stories.
        var occupations = new BiasProbeOptions().Occupations.Where(o => !o.Contains(' '))
            .SelectMany(o => new[] { o, o + "s" });
        return new Dictionary<string, IReadOnlySet<string>>
        {
            ["gender_female"] = gender.Where(g => g.Term.Gender == Gender.Female).Select(g => g.Word).ToHashSet(),
            ["gender_male"] = gender.Where(g => g.Term.Gender == Gender.Male).Select(g => g.Word).ToHashSet(),
            ["occupations"] = occupations.ToHashSet(),
            ["afinn_positive"] = afinn.Where(p => p.Score > 0).Select(p => p.Phrase).ToHashSet(),
            ["afinn_negative"] = afinn.Where(p => p.Score < 0).Select(p => p.Phrase).ToHashSet(),
        };
    }
}
