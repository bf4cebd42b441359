namespace Prebias.Tests.Tokenization;

/// <summary>Small generated corpus (fixed seed) with punctuation, digits, quotes and a little non-ASCII text.</summary>
internal static class TestCorpus
{
    private static readonly string[] Names = ["Lily", "Tom", "Mia", "Ben", "Zoë", "José", "Anna", "Max", "Sue", "Tim"];
    private static readonly string[] Animals = ["cat", "dog", "bird", "frog", "fish", "bunny", "horse", "duck"];
    private static readonly string[] Places = ["park", "forest", "garden", "beach", "school", "café", "river", "hill"];
    private static readonly string[] Feelings = ["happy", "sad", "excited", "scared", "proud", "tired", "curious"];
    private static readonly string[] Things = ["ball", "kite", "cake", "book", "hat", "box", "boat", "tree"];

    public static List<string> Sentences(int count, int seed = 42)
    {
        var random = new Random(seed);
        string Pick(string[] words) => words[random.Next(words.Length)];
        var templates = new Func<string>[]
        {
            () => $"Once upon a time, {Pick(Names)} had a {Pick(Animals)} named {Pick(Names)}.",
            () => $"{Pick(Names)} went to the {Pick(Places)} and felt {Pick(Feelings)}.",
            () => $"\"Can I play with your {Pick(Things)}?\" asked {Pick(Names)}.",
            () => $"There were {random.Next(2, 999)} {Pick(Things)}s in the {Pick(Places)}!",
            () => $"At {random.Next(1, 12)}:{random.Next(10, 59)} the {Pick(Animals)} ate {random.Next(3, 40)} apples; it was {Pick(Feelings)}.",
            () => $"{Pick(Names)} said: \"I love my {Pick(Things)} — it is the best {Pick(Things)} ever!\"",
            () => $"The {Pick(Animals)} and the {Pick(Animals)} ran to the {Pick(Places)} (very fast).",
            () => $"In {random.Next(1900, 2030)}, {Pick(Names)} found a {Pick(Things)} by the {Pick(Places)}... 🙂",
        };
        return Enumerable.Range(0, count).Select(_ => templates[random.Next(templates.Length)]()).ToList();
    }
}
