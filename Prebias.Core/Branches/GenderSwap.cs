using System.Text.RegularExpressions;

namespace Prebias.Core.Branches;

/// <summary>
/// Swaps gendered words in a story (the counterfactual data augmentation of Lu et al., 2020, at word level): he↔she,
/// him/his↔her, himself↔herself, boy↔girl, man↔woman, mom↔dad, ... Case is kept ("He" → "She"). "her" is ambiguous
/// (him or his): before punctuation or the end of the text it becomes "him", otherwise "his".
/// </summary>
public static partial class GenderSwap
{
    private static readonly Dictionary<string, string> Pairs = Build(
        ("he", "she"), ("himself", "herself"), ("boy", "girl"), ("boys", "girls"), ("man", "woman"), ("men", "women"),
        ("mom", "dad"), ("mommy", "daddy"), ("mother", "father"), ("mothers", "fathers"), ("brother", "sister"),
        ("brothers", "sisters"), ("son", "daughter"), ("sons", "daughters"), ("king", "queen"), ("prince", "princess"),
        ("uncle", "aunt"), ("grandpa", "grandma"), ("grandfather", "grandmother"), ("husband", "wife"), ("mr", "mrs"),
        ("gentleman", "lady"), ("gentlemen", "ladies"), ("sir", "madam"));

    public static string Apply(string text) => Word().Replace(text, match =>
    {
        var word = match.Value;
        var lower = word.ToLowerInvariant();
        string? swapped = lower switch
        {
            "his" or "him" => "her",
            "her" => FollowedByPunctuationOrEnd(text, match.Index + match.Length) ? "him" : "his",
            "hers" => "his",
            _ => Pairs.GetValueOrDefault(lower),
        };
        return swapped is null ? word : MatchCase(word, swapped);
    });

    private static bool FollowedByPunctuationOrEnd(string text, int index)
    {
        while (index < text.Length && text[index] == ' ') index++;
        return index >= text.Length || char.IsPunctuation(text[index]);
    }

    private static string MatchCase(string original, string replacement) =>
        original.All(char.IsUpper) && original.Length > 1 ? replacement.ToUpperInvariant()
        : char.IsUpper(original[0]) ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement;

    private static Dictionary<string, string> Build(params (string A, string B)[] pairs)
    {
        var map = new Dictionary<string, string>();
        foreach (var (a, b) in pairs) { map[a] = b; map[b] = a; }
        return map;
    }

    [GeneratedRegex(@"\b[A-Za-z]+\b")]
    private static partial Regex Word();
}
