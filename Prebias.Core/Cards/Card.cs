namespace Prebias.Core.Cards;

/// <summary>A Hugging Face style card: YAML front matter (metadata the Hub indexes) and a Markdown body.</summary>
public sealed record Card(IReadOnlyList<KeyValuePair<string, object?>> FrontMatter, string Body)
{
    public string ToMarkdown() => YamlFrontMatter.Write(FrontMatter) + "\n" + Body;

    /// <summary>One front-matter field or map entry; a shorter spelling for the card builders.</summary>
    public static KeyValuePair<string, object?> Field(string key, object? value) => new(key, value);
}
