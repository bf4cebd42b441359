namespace Prebias.Core.Metrics.Lexicons;

/// <summary>
/// Gendered words counted by <c>male_word_rate</c>, <c>female_word_rate</c> and <c>gender_ratio</c>.
/// Pronouns are the four per gender used by WinoBias (Zhao et al., 2018, "Gender Bias in Coreference Resolution",
/// NAACL): he/him/his/himself, she/her/hers/herself. Nouns are gender-definitional pairs in the style of
/// Bolukbasi et al. (2016, "Man is to Computer Programmer as Woman is to Homemaker?") definitional pairs, extended
/// with the family and fairy-tale roles frequent in children's stories (mom/dad, king/queen, ...). Words that are
/// mostly not gendered in stories ("miss", "guy", first names) are left out on purpose. Hand-curated: no package
/// carries such a list, and the pairs are symmetric so male and female rates are comparable.
/// </summary>
public static class GenderLexicon
{
    public static readonly string[] MalePronouns = ["he", "him", "his", "himself"];
    public static readonly string[] FemalePronouns = ["she", "her", "hers", "herself"];

    // (male, female) pairs; plural forms listed explicitly.
    private static readonly (string Male, string Female)[] NounPairs =
    [
        ("man", "woman"), ("men", "women"), ("boy", "girl"), ("boys", "girls"),
        ("father", "mother"), ("fathers", "mothers"), ("dad", "mom"), ("dads", "moms"), ("daddy", "mommy"),
        ("papa", "mama"), ("son", "daughter"), ("sons", "daughters"), ("brother", "sister"), ("brothers", "sisters"),
        ("uncle", "aunt"), ("uncles", "aunts"), ("nephew", "niece"), ("grandfather", "grandmother"),
        ("grandpa", "grandma"), ("grandson", "granddaughter"), ("husband", "wife"), ("husbands", "wives"),
        ("king", "queen"), ("kings", "queens"), ("prince", "princess"), ("princes", "princesses"),
        ("gentleman", "lady"), ("gentlemen", "ladies"), ("sir", "madam"), ("mr", "mrs"),
        ("male", "female"), ("boyfriend", "girlfriend"), ("lord", "dame"), ("actor", "actress"),
        ("waiter", "waitress"), ("groom", "bride"), ("emperor", "empress"), ("wizard", "witch"),
    ];

    /// <summary>Extra female forms without a listed male twin: "mum" (British mom), "ms".</summary>
    private static readonly string[] ExtraFemale = ["mum", "mummy", "ms"];

    public static IEnumerable<(string Word, GenderedTerm Term)> Entries()
    {
        foreach (var w in MalePronouns) yield return (w, new GenderedTerm(Gender.Male, true));
        foreach (var w in FemalePronouns) yield return (w, new GenderedTerm(Gender.Female, true));
        foreach (var (male, female) in NounPairs)
        {
            yield return (male, new GenderedTerm(Gender.Male, false));
            yield return (female, new GenderedTerm(Gender.Female, false));
        }
        foreach (var w in ExtraFemale) yield return (w, new GenderedTerm(Gender.Female, false));
    }

    private static readonly Lazy<PhraseLexicon<GenderedTerm>> LexiconLazy = new(() => PhraseLexicon<GenderedTerm>.Build(Entries()));

    public static PhraseLexicon<GenderedTerm> Lexicon => LexiconLazy.Value;
}
