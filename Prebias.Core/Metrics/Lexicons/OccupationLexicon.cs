namespace Prebias.Core.Metrics.Lexicons;

/// <summary>
/// Occupations for the occupation–gender co-occurrence metrics. The first 40 are the WinoBias occupations
/// (Zhao et al., 2018, NAACL, Table 6: 20 male- and 20 female-dominated jobs by US Bureau of Labor Statistics
/// figures); order within each group is not significant. The last seven are added because they are common in TinyStories and were
/// named in the Prebias issue; they are not part of WinoBias. Plurals (+s/+es) match the same occupation.
/// Homographs are kept as published, so "cook" and "guard" also count as verbs; treat counts as an upper bound.
/// </summary>
public static class OccupationLexicon
{
    public static readonly IReadOnlyList<string> Occupations =
    [
        // WinoBias, male-dominated
        "driver", "supervisor", "janitor", "cook", "mover", "laborer", "construction worker", "chief", "developer",
        "carpenter", "manager", "lawyer", "farmer", "salesperson", "physician", "guard", "analyst", "mechanic",
        "sheriff", "ceo",
        // WinoBias, female-dominated
        "attendant", "cashier", "teacher", "nurse", "assistant", "secretary", "auditor", "cleaner", "receptionist",
        "clerk", "counselor", "designer", "hairdresser", "writer", "housekeeper", "baker", "accountant", "editor",
        "librarian", "tailor",
        // Added for children's stories (not WinoBias)
        "doctor", "pilot", "engineer", "scientist", "chef", "police officer", "firefighter",
    ];

    /// <summary>Index of the first added (non-WinoBias) occupation.</summary>
    public const int WinoBiasCount = 40;

    private static readonly Lazy<PhraseLexicon<int>> LexiconLazy = new(Build);

    /// <summary>Phrase → index into <see cref="Occupations"/>.</summary>
    public static PhraseLexicon<int> Lexicon => LexiconLazy.Value;

    private static PhraseLexicon<int> Build()
    {
        var entries = new List<(string, int)>();
        for (var i = 0; i < Occupations.Count; i++)
        {
            var name = Occupations[i];
            entries.Add((name, i));
            entries.Add((Plural(name), i));
        }
        return PhraseLexicon<int>.Build(entries);
    }

    private static string Plural(string name) =>
        name.EndsWith("person", StringComparison.Ordinal) ? name[..^6] + "people"
        : name.EndsWith('s') || name.EndsWith("sh", StringComparison.Ordinal) || name.EndsWith("ch", StringComparison.Ordinal) ? name + "es"
        : name.EndsWith('y') && !"aeiou".Contains(name[^2]) ? name[..^1] + "ies"
        : name + "s";
}
