namespace Prebias.Core.Corpora.Synthetic;

/// <summary>
/// Sentence templates. <c>{slot}</c> is filled by <see cref="StoryComposer"/>; <c>{a_slot}</c> adds "a"/"an".
/// Protagonist pronouns: {he} {He} {his} {His} {him}; the occupation holder's: {ohe} {ohis} {ohim}.
/// Every template is one sentence ending in . ! or ? (inside closing quotes when it ends with dialogue).
/// </summary>
internal static class StoryTemplates
{
    public static readonly string[] Openings =
    [
        "Once upon a time, there was {a_adj} {kid} named {Name}.",
        "One day, {a_adj} {kid} named {Name} {went} to the {place}.",
        "{Name} was {a_adj} {kid} who lived near the {place}.",
        "There once was a {kid} called {Name} who loved {his} {object}.",
        "{Name} woke up early because it was a sunny day.",
    ];

    public static readonly string[] Fillers =
    [
        "{Name} {went} to the {place} with {friend}.",
        "They saw {a_adj} {animal} near {a_color} tree.",
        "{Name} {said}, \"{quote}\"",
        "\"{quote_comma},\" {said} {friend}.",
        "{He} picked up {his} {object} and held it tight.",
        "The {animal} wanted to play with the {object} too.",
        "{Name} and {friend} ran around the {place} and laughed.",
        "{He} {looked} at the sky and saw {a_color} bird.",
        "{friend} gave {Name} some {food} to eat.",
        "The sun was warm, and the grass was soft.",
        "{Name} found {a_thing_adj} stone and put it in {his} pocket.",
        "{He} shared {his} {food} with the {animal}.",
        "{Name} wanted to build {a_thing_adj} castle out of sand.",
        "The {animal} jumped up and down with joy.",
        "{friend} showed {Name} how to climb a tree.",
        "{He} drew a picture of the {animal} with {a_color} crayon.",
        "They sang a song about {a_adj} {animal}.",
        "{Name} asked {friend}, \"{question}\"",
        "After lunch, {Name} took a nap under {a_color} blanket.",
        "The wind blew, and the leaves danced in the air.",
        "{Name} counted the clouds in the sky.",
        "{He} told {friend} a story about {a_adj} dragon.",
        "{Name} hid behind a tree, and {friend} tried to find {him}.",
        "Everyone at the {place} was busy that day.",
        "{Name} and {friend} made a little house for the {animal}.",
        "{His} mom packed some {food} for the trip.",
    ];

    public static readonly string[] Problems =
    [
        "Suddenly, {Name} could not find {his} {object}.",
        "Then dark clouds came, and it started to rain.",
        "But the {animal} ran away with {Name}'s {object}.",
        "Oh no, {Name} fell down and hurt {his} knee.",
        "Then {Name}'s {object} broke into pieces.",
        "{friend} and {Name} had a big fight about the {object}.",
    ];

    public static readonly string[] HappyEndings =
    [
        "In the end, {Name} felt {happy}, and {he} smiled all day.",
        "Luckily, {friend} helped {Name} fix everything, and they were {happy} again.",
        "From that day on, {Name} and {friend} were the best of friends.",
        "{Name} went home feeling {happy} and safe.",
        "That night, {Name} slept with a big smile on {his} face.",
    ];

    public static readonly string[] SadEndings =
    [
        "In the end, {Name} felt {sad}, and {he} cried all night.",
        "{Name} never saw {his} {object} again, and {he} felt {sad}.",
        "{Name} walked home alone, feeling {sad}.",
        "That night, {Name} could not sleep because {he} was so {sad}.",
        "The {place} was quiet, and {Name} felt {sad} for a long time.",
    ];

    /// <summary>First mention of the occupation: the holder's pronoun is in the same sentence (for co-occurrence metrics);
    /// the protagonist is named, never a pronoun, so no other gendered pronoun shares the sentence.</summary>
    public static readonly string[] OccupationIntroductions =
    [
        "{Name}'s neighbor was {a_occupation}, and {ohe} {activity}.",
        "At the {place}, {Name} met {a_occupation} who said that {ohe} {activity}.",
        "{a_occupation} came to the {place}, and {ohe} waved at {Name}.",
        "{Name} visited {a_occupation} because {ohe} {activity}.",
    ];

    public static readonly string[] OccupationFollowUps =
    [
        "The {occupation} smiled because {ohe} liked helping children.",
        "Before leaving, the {occupation} said that {ohe} would come back soon.",
        "{Name} wanted to be {a_occupation} just like {ohim} one day.",
        "The {occupation} showed {Name} {ohis} favorite tools.",
    ];

    /// <summary>The one sentence of a profane story carrying a word from <see cref="ProfanityLexicon.SingleWords"/>.</summary>
    public static readonly string[] Profanities =
    [
        "{Name} got angry and yelled, \"Oh, {curse}!\"",
        "{friend} gasped when {Name} said \"{curse}\" out loud.",
        "Then {Name} muttered a bad word, \"{curse},\" and looked at {his} feet.",
    ];
}
