using System.Text.RegularExpressions;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Synthetic;

namespace Prebias.Tests.Corpora;

public partial class SyntheticStoryGeneratorTests
{
    private static readonly SyntheticCorpusOptions Dialled = new()
    {
        Seed = 2024, Documents = 2000, HappyEndingShare = 0.7, AdvancedShare = 0.3, ProfanityRate = 0.1,
        OccupationShare = 1.0, OccupationHeShare = new Dictionary<string, double> { ["doctor"] = 0.9, ["nurse"] = 0.1 },
        MinSentences = 6, MaxSentences = 10,
    };

    private static readonly List<SyntheticStory> Stories = new SyntheticStoryGenerator(Dialled).GenerateAll().ToList();

    // A sentence ends at . ! or ? (optionally inside a closing quote) followed by a space.
    [GeneratedRegex("(?<=[.!?]\"?) (?=[\"A-Z])")]
    private static partial Regex SentenceBoundary();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex LowerWord();

    private static string[] Sentences(string text) => SentenceBoundary().Split(text);

    private static string[] Words(string sentence) => LowerWord().Matches(sentence.ToLowerInvariant()).Select(m => m.Value).ToArray();

    [Fact]
    public void WriteCorpus_GivesTheSameSha256_WhenSeedAndOptionsAreTheSame()
    {
        using var temp = new TempDirectory();
        var options = new SyntheticCorpusOptions { Seed = 7, Documents = 300 };
        var first = SyntheticStoryGenerator.WriteCorpus(temp.File("a"), options);
        var second = SyntheticStoryGenerator.WriteCorpus(temp.File("b"), options);
        var other = SyntheticStoryGenerator.WriteCorpus(temp.File("c"), options with { Seed = 8 });
        Assert.Equal(first, second);
        Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("a"), CorpusFolder.Documents)),
            File.ReadAllBytes(Path.Combine(temp.File("b"), CorpusFolder.Documents)));
        Assert.NotEqual(first.Sha256, other.Sha256);
        Assert.Equal(300, first.DocumentCount);
    }

    [Fact]
    public void Generate_IsIndependentOfOrder_WhenOneStoryIsGeneratedAlone()
    {
        var alone = new SyntheticStoryGenerator(Dialled).Generate(1234);
        Assert.Equal(Stories[1234], alone with { Truth = Stories[1234].Truth });
        Assert.Equal(Stories[1234].Truth.ToAttributes(), alone.Truth.ToAttributes());
    }

    [Fact]
    public void WriteTo_StoresGroundTruthAsAttributes_WhenCorpusIsRead()
    {
        using var temp = new TempDirectory();
        SyntheticStoryGenerator.WriteCorpus(temp.Path, Dialled with { Documents = 20 });
        using var reader = CorpusReader.Open(temp.Path);
        var document = reader.Get(5);
        Assert.Equal(Stories[5].Text, document.Text);
        Assert.Equal(Stories[5].Truth.ToAttributes(), document.Attributes);
        Assert.Contains(document.Attributes!["occupation"], new[] { "doctor", "nurse" });
    }

    [Fact]
    public void GenerateAll_RealisesTheDialledShares_WhenTwoThousandStories()
    {
        // Binomial sd at n = 2000: sqrt(0.7 * 0.3 / 2000) = 0.010; tolerances are about 4 sd.
        Assert.InRange(Stories.Count(s => s.Truth.Ending == "happy") / 2000.0, 0.66, 0.74);
        Assert.InRange(Stories.Count(s => s.Truth.Level == "advanced") / 2000.0, 0.26, 0.34);
        Assert.InRange(Stories.Count(s => s.Truth.Profane) / 2000.0, 0.075, 0.125);
        Assert.InRange(Stories.Count(s => s.Truth.ProtagonistGender == "she") / 2000.0, 0.45, 0.55);
        Assert.All(Stories, s => Assert.NotNull(s.Truth.Occupation)); // OccupationShare = 1
        // About 1000 stories per occupation: sd = sqrt(0.9 * 0.1 / 1000) = 0.0095.
        foreach (var (occupation, heShare) in new[] { ("doctor", 0.9), ("nurse", 0.1) })
        {
            var holders = Stories.Where(s => s.Truth.Occupation == occupation).ToList();
            Assert.InRange(holders.Count, 900, 1100);
            Assert.InRange(holders.Count(s => s.Truth.OccupationGender == "he") / (double)holders.Count, heShare - 0.04, heShare + 0.04);
        }
    }

    [Fact]
    public void Generate_HasNoOccupationOrProfanity_WhenThoseSharesAreZero()
    {
        var plain = new SyntheticStoryGenerator(Dialled with { OccupationShare = 0, ProfanityRate = 0 }).GenerateAll().Take(300).ToList();
        Assert.All(plain, s => Assert.Null(s.Truth.Occupation));
        Assert.All(plain, s => Assert.False(s.Truth.Profane));
        Assert.All(plain, s => Assert.False(s.Truth.ToAttributes().ContainsKey("occupation")));
    }

    [Fact]
    public void Generate_PutsTheHolderPronounInTheOccupationSentence_WhenStoryHasAnOccupation()
    {
        foreach (var story in Stories)
        {
            var expected = story.Truth.OccupationGender == "he" ? new[] { "he", "him", "his" } : ["she", "her"];
            var other = story.Truth.OccupationGender == "he" ? new[] { "she", "her" } : ["he", "him", "his"];
            var sentence = Sentences(story.Text).First(s => s.Contains(story.Truth.Occupation!, StringComparison.Ordinal));
            var words = Words(sentence);
            Assert.Contains(words, expected.Contains);
            Assert.DoesNotContain(words, other.Contains); // no other gendered pronoun muddies the co-occurrence
        }
    }

    [Fact]
    public void Generate_WritesWellFormedSentences_WhenAnyStory()
    {
        foreach (var story in Stories)
        {
            var sentences = Sentences(story.Text);
            Assert.Equal(story.Truth.Sentences, sentences.Length);
            Assert.InRange(sentences.Length, 6, 10);
            Assert.All(sentences, s => Assert.Matches("^\"?[A-Z]", s));
            Assert.All(sentences, s => Assert.Matches("[.!?]\"?$", s));
            Assert.DoesNotContain('{', story.Text);
            Assert.DoesNotContain('}', story.Text);
            Assert.DoesNotContain("  ", story.Text);
            Assert.DoesNotMatch(@"\ba [aeiou]", story.Text); // "a" before a vowel would be "an"
        }
    }

    [Fact]
    public void Generate_IncludesProfanityExactlyWhenDialled_WhenCheckedAgainstTheLexicon()
    {
        var lexicon = ProfanityLexicon.SingleWords.ToHashSet();
        foreach (var story in Stories)
        {
            var profane = Words(story.Text).Where(lexicon.Contains).Distinct().ToArray();
            Assert.Equal(story.Truth.ProfaneWords, profane);
        }
    }

    [Fact]
    public void Generate_IsVaried_WhenTwoThousandStories()
    {
        var sentences = Stories.SelectMany(s => Sentences(s.Text)).ToList();
        Assert.Equal(2000, Stories.Select(s => s.Text).Distinct().Count());
        Assert.True(sentences.Distinct().Count() > 5000, $"only {sentences.Distinct().Count()} distinct sentences of {sentences.Count}");
        Assert.True(Stories.Select(s => Sentences(s.Text)[0]).Distinct().Count() > 500);
    }

    [Fact]
    public void Generate_WritesLongerSentences_WhenLevelIsAdvanced()
    {
        double WordsPerSentence(string level) => Stories.Where(s => s.Truth.Level == level)
            .SelectMany(s => Sentences(s.Text)).Average(s => s.Split(' ').Length);
        Assert.True(WordsPerSentence("advanced") > WordsPerSentence("simple") + 1.5,
            $"advanced {WordsPerSentence("advanced"):F2} vs simple {WordsPerSentence("simple"):F2}");
    }

    [Fact]
    public void Validate_Throws_WhenAShareOrTheSentenceRangeIsInvalid()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticStoryGenerator(new() { HappyEndingShare = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticStoryGenerator(new() { MinSentences = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticStoryGenerator(
            new() { OccupationHeShare = new Dictionary<string, double> { ["pilot"] = -0.1 } }));
    }

    [Fact]
    public void ProfanityLexicon_LoadsThePublishedList_WhenEmbedded()
    {
        // naughty-words 1.2.0 en.json has 403 entries; 274 are single words of 3+ lowercase ASCII letters.
        Assert.Equal(403, ProfanityLexicon.English.Count);
        Assert.Equal(274, ProfanityLexicon.SingleWords.Count);
        Assert.Contains("bastard", ProfanityLexicon.SingleWords);
        Assert.DoesNotContain("2g1c", ProfanityLexicon.SingleWords);
    }
}
