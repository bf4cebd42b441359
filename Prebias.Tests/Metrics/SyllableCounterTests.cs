using Prebias.Core.Text;
using Prebias.Core.Metrics;

namespace Prebias.Tests.Metrics;

public class SyllableCounterTests
{
    // Rule-based fallback: vowel groups, then the -e / -le / -es / -ed / split-pair corrections.
    [Theory]
    [InlineData("make", 1)]      // a, e → 2, silent final e → 1
    [InlineData("table", 2)]     // a, e → 2, consonant + le keeps it
    [InlineData("tables", 2)]    // -es after consonant + l is sounded
    [InlineData("games", 1)]     // a, e → 2, -es after m is silent → 1
    [InlineData("boxes", 2)]     // -es after x is sounded
    [InlineData("jumped", 1)]    // u, e → 2, -ed after p silent → 1
    [InlineData("wanted", 2)]    // -ed after t is sounded
    [InlineData("played", 1)]    // ay (y after vowel is not a vowel), e → 2, -ed silent → 1
    [InlineData("happy", 2)]     // a, y (y as vowel)
    [InlineData("lion", 2)]      // io splits
    [InlineData("nation", 2)]    // -tion does not split: a, io → 2
    [InlineData("the", 1)]
    [InlineData("don't", 1)]     // apostrophe ignored
    [InlineData("beautiful", 3)] // eau, i, u
    public void CountByRules_MatchesHandCount_WhenCommonPatterns(string word, int expected)
    {
        Assert.Equal(expected, SyllableCounter.CountByRules(word));
    }

    // CMU Pronouncing Dictionary: syllables = stress digits in the ARPAbet string.
    [Theory]
    [InlineData("Mr", 2)]        // M IH1 S T ER0
    [InlineData("didn't", 2)]    // D IH1 D AH0 N T
    [InlineData("fire", 2)]      // F AY1 ER0 (rules alone would say 1)
    [InlineData("everything", 3)] // EH1 V R IY0 TH IH2 NG (rules would say e, e, y, i → 4)
    public void Count_UsesCmuDictionary_WhenWordListed(string word, int expected)
    {
        Assert.Equal(expected, SyllableCounter.Count(word));
    }

    [Fact]
    public void Count_FallsBackToRules_WhenWordNotInDictionary()
    {
        Assert.Equal(SyllableCounter.CountByRules("zumbleflop"), SyllableCounter.Count("zumbleflop"));
        Assert.Equal(3, SyllableCounter.Count("zumbleflop")); // u, e (le after b kept), o
    }
}
