namespace Prebias.Core.Corpora.Synthetic;

/// <summary>
/// Words of the synthetic stories, in the spirit of TinyStories' vocabulary (Eldan and Li 2023: words a 3-4 year old
/// knows). Slots with two lists pick from the second in "advanced" stories (rarer words).
/// </summary>
internal static class StoryVocabulary
{
    public static readonly string[] BoyNames =
    [
        "Tom", "Ben", "Sam", "Max", "Leo", "Jack", "Tim", "Dan", "Finn", "Noah", "Liam", "Jake",
        "Owen", "Luke", "Adam", "Eli", "Ryan", "Theo", "Oscar", "Henry", "Felix", "Hugo", "Jonah", "Milo",
    ];

    public static readonly string[] GirlNames =
    [
        "Lily", "Sue", "Mia", "Anna", "Emma", "Lucy", "Zoe", "Ella", "Amy", "Rose", "Ava", "Kate",
        "Grace", "Ruby", "Sara", "Chloe", "Nora", "Ivy", "Maya", "Hannah", "Julia", "Clara", "Alice", "Sophie",
    ];

    public static readonly string[] Places =
    [
        "park", "garden", "beach", "forest", "farm", "school", "lake", "hill", "playground", "river", "zoo", "market",
        "backyard", "village",
    ];

    public static readonly string[] AdvancedPlaces = ["meadow", "orchard", "harbor", "valley", "countryside", "riverbank"];

    public static readonly string[] Animals =
    [
        "dog", "cat", "bunny", "bird", "duck", "frog", "horse", "puppy", "kitten", "fox", "bear", "owl", "turtle",
        "mouse", "squirrel", "pony", "lamb", "fish",
    ];

    public static readonly string[] Objects =
    [
        "ball", "kite", "teddy bear", "red hat", "toy car", "book", "doll", "drum", "boat", "balloon", "blanket",
        "shovel", "bucket", "bike", "robot", "puzzle", "music box", "crayon box",
    ];

    public static readonly string[] Colors = ["red", "blue", "green", "yellow", "pink", "purple", "orange", "white"];

    public static readonly string[] Foods = ["cookies", "apples", "bread", "cake", "berries", "soup", "candy", "grapes"];

    /// <summary>Adjectives for people and animals ({adj}).</summary>
    public static readonly string[] Adjectives = ["big", "little", "kind", "funny", "brave", "silly", "nice", "small", "happy", "good"];

    public static readonly string[] AdvancedAdjectives =
        ["cheerful", "gentle", "curious", "courageous", "mischievous", "thoughtful", "adventurous", "clever", "fluffy", "swift"];

    /// <summary>Adjectives for things ({thing_adj}).</summary>
    public static readonly string[] ThingAdjectives = ["big", "little", "shiny", "soft", "round", "pretty", "smooth", "old"];

    public static readonly string[] AdvancedThingAdjectives = ["enormous", "tiny", "glittering", "magnificent", "peculiar", "ancient"];

    public static readonly string[] HappyFeelings = ["happy", "glad", "proud"];

    public static readonly string[] AdvancedHappyFeelings = ["delighted", "overjoyed", "grateful", "content"];

    public static readonly string[] SadFeelings = ["sad", "upset", "lonely"];

    public static readonly string[] AdvancedSadFeelings = ["miserable", "heartbroken", "gloomy", "sorrowful"];

    public static readonly string[] SaidVerbs = ["said"];

    public static readonly string[] AdvancedSaidVerbs = ["whispered", "exclaimed", "replied", "announced"];

    public static readonly string[] WentVerbs = ["went", "ran", "walked"];

    public static readonly string[] AdvancedWentVerbs = ["wandered", "hurried", "strolled", "skipped"];

    public static readonly string[] LookedVerbs = ["looked"];

    public static readonly string[] AdvancedLookedVerbs = ["peered", "gazed", "glanced"];

    /// <summary>Exclamations and statements (ending in '!' or '.') usable both as <c>X said, "..."</c> and <c>"...," said X.</c></summary>
    public static readonly string[] Quotes =
    [
        "Let's play together!", "Look at this!", "I am so happy!", "This is fun!", "I love you!", "Come with me!",
        "What a nice day!", "Thank you so much!", "I want to try!", "Wait for me!", "You are my best friend.",
        "I can do it!", "We can share.",
    ];

    public static readonly string[] AdvancedQuotes =
    [
        "What a marvelous discovery!", "I have never seen anything so wonderful!", "This is the most delightful day!",
        "Let us be careful.", "I wonder what is over there.", "We should work together!", "That was remarkably clever!",
    ];

    public static readonly string[] Questions =
    [
        "Can you help me?", "Where are you going?", "Do you want to play?", "What is that?", "Can I come too?",
        "Are you okay?", "Why is the sky blue?",
    ];

    /// <summary>Clauses an advanced story appends to some sentences (before the final period) to lengthen them.</summary>
    public static readonly string[] AdvancedClauses =
    [
        ", even though it was getting late", " while the birds sang in the trees", ", which surprised everyone",
        " as the golden sun set behind the hills", ", because it seemed like the right thing to do",
        " without making a single sound", ", just as the bells began to ring", ", although nobody had expected it",
    ];

    /// <summary>What an occupation holder does, in the past tense; other occupations get <see cref="GenericActivity"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> OccupationActivities = new Dictionary<string, string>
    {
        ["doctor"] = "helped sick people feel better", ["nurse"] = "took care of people at the hospital",
        ["pilot"] = "flew big planes across the sky", ["teacher"] = "taught children how to read",
        ["engineer"] = "built strong bridges", ["chef"] = "cooked tasty food for the whole town",
        ["farmer"] = "grew corn and fed the cows", ["scientist"] = "studied the stars in a big lab",
        ["firefighter"] = "put out fires and saved people", ["librarian"] = "looked after thousands of books",
        ["dancer"] = "danced on a big stage", ["police officer"] = "kept the town safe",
    };

    public const string GenericActivity = "worked hard every day";
}
