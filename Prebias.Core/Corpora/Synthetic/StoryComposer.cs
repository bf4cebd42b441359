using System.Text;

namespace Prebias.Core.Corpora.Synthetic;

/// <summary>
/// Fills <see cref="StoryTemplates"/> for one story. Story-level choices (names, place, animal, object, occupation)
/// are fixed at construction so the story stays coherent; word-level slots (adjective, colour, quote...) are drawn
/// on each use. An unknown slot throws, so no placeholder can reach the corpus.
/// </summary>
internal sealed class StoryComposer
{
    private readonly DeterministicRandom _rng;
    private readonly bool _advanced;
    private readonly bool _girl;
    private readonly string _name, _friend, _place, _animal, _object;
    private readonly string? _occupation;
    private readonly bool _occupationIsHe;
    private readonly string? _curse;

    public StoryComposer(DeterministicRandom rng, bool advanced, bool girl, string? occupation, bool occupationIsHe, string? curse)
    {
        _rng = rng;
        _advanced = advanced;
        _girl = girl;
        _occupation = occupation;
        _occupationIsHe = occupationIsHe;
        _curse = curse;
        _name = rng.Pick(girl ? StoryVocabulary.GirlNames : StoryVocabulary.BoyNames);
        var friends = rng.Chance(0.5) ? StoryVocabulary.GirlNames : StoryVocabulary.BoyNames;
        do _friend = rng.Pick(friends); while (_friend == _name);
        _place = advanced && rng.Chance(0.5) ? rng.Pick(StoryVocabulary.AdvancedPlaces) : rng.Pick(StoryVocabulary.Places);
        _animal = rng.Pick(StoryVocabulary.Animals);
        _object = rng.Pick(StoryVocabulary.Objects);
    }

    /// <summary>Fills a template and capitalises the sentence's first letter (after an opening quote).</summary>
    public string Fill(string template, bool allowClause = false)
    {
        var text = new StringBuilder(template.Length + 32);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0) { text.Append(template, position, template.Length - position); break; }
            var close = template.IndexOf('}', open);
            text.Append(template, position, open - position).Append(Resolve(template[(open + 1)..close]));
            position = close + 1;
        }
        // Advanced stories lengthen some plain statements with a subordinate clause before the final period.
        if (allowClause && _advanced && text[^1] == '.' && text[^2] != '"' && _rng.Chance(0.6))
            text.Insert(text.Length - 1, _rng.Pick(StoryVocabulary.AdvancedClauses));
        var first = text[0] == '"' ? 1 : 0;
        text[first] = char.ToUpperInvariant(text[first]);
        return text.ToString();
    }

    private string Resolve(string slot)
    {
        if (slot.StartsWith("a_", StringComparison.Ordinal))
        {
            var word = Resolve(slot[2..]);
            return ("aeiou".Contains(word[0]) ? "an " : "a ") + word;
        }
        return slot switch
        {
            "Name" => _name,
            "friend" => _friend,
            "he" => _girl ? "she" : "he",
            "He" => _girl ? "She" : "He",
            "his" => _girl ? "her" : "his",
            "His" => _girl ? "Her" : "His",
            "him" => _girl ? "her" : "him",
            "ohe" => _occupationIsHe ? "he" : "she",
            "ohis" => _occupationIsHe ? "his" : "her",
            "ohim" => _occupationIsHe ? "him" : "her",
            "occupation" => _occupation ?? throw new InvalidOperationException("no occupation in this story"),
            "activity" => StoryVocabulary.OccupationActivities.GetValueOrDefault(_occupation!, StoryVocabulary.GenericActivity),
            "curse" => _curse ?? throw new InvalidOperationException("no profanity in this story"),
            "kid" => _girl ? "girl" : "boy",
            "place" => _place,
            "animal" => _animal,
            "object" => _object,
            "color" => _rng.Pick(StoryVocabulary.Colors),
            "food" => _rng.Pick(StoryVocabulary.Foods),
            "question" => _rng.Pick(StoryVocabulary.Questions),
            "adj" => Level(StoryVocabulary.Adjectives, StoryVocabulary.AdvancedAdjectives),
            "thing_adj" => Level(StoryVocabulary.ThingAdjectives, StoryVocabulary.AdvancedThingAdjectives),
            "happy" => Level(StoryVocabulary.HappyFeelings, StoryVocabulary.AdvancedHappyFeelings),
            "sad" => Level(StoryVocabulary.SadFeelings, StoryVocabulary.AdvancedSadFeelings),
            "said" => Level(StoryVocabulary.SaidVerbs, StoryVocabulary.AdvancedSaidVerbs),
            "went" => Level(StoryVocabulary.WentVerbs, StoryVocabulary.AdvancedWentVerbs),
            "looked" => Level(StoryVocabulary.LookedVerbs, StoryVocabulary.AdvancedLookedVerbs),
            "quote" => Level(StoryVocabulary.Quotes, StoryVocabulary.AdvancedQuotes),
            "quote_comma" => Level(StoryVocabulary.Quotes, StoryVocabulary.AdvancedQuotes)[..^1], // "...," said X.
            _ => throw new InvalidOperationException($"unknown template slot {{{slot}}}"),
        };
    }

    private string Level(string[] simple, string[] advanced) => _rng.Pick(_advanced ? advanced : simple);
}
