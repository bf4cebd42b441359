using Prebias.Core.Text;

namespace Prebias.Tests.Text;

public class WordTokenizerTests
{
    [Fact]
    public void Words_KeepsContractionsAsOneWord_WhenApostropheIsBetweenLetters()
    {
        Assert.Equal(["Lily's", "dog", "don't", "run", "It’s", "fine"], WordTokenizer.Words("Lily's dog don't run. It’s fine!"));
    }

    [Fact]
    public void Words_StripsQuotesAndPunctuation_WhenDialogue()
    {
        Assert.Equal(["Why", "are", "you", "sad", "asked", "Tom"], WordTokenizer.Words("\"Why are you sad?\" asked Tom."));
        Assert.Equal(["hello", "said", "Sue"], WordTokenizer.Words("'hello,' said Sue..."));
    }

    [Fact]
    public void Words_KeepsDecimalsAndSplitsHyphens_WhenNumbersAndCompounds()
    {
        Assert.Equal(["It", "cost", "3.5", "or", "1,000", "ice", "cream"], WordTokenizer.Words("It cost 3.5 or 1,000 ice-cream."));
    }

    [Fact]
    public void Tokenize_ReturnsSpansIntoText_WhenCalled()
    {
        var spans = new List<TextSpan>();
        Assert.Equal(2, WordTokenizer.Tokenize("  Hi, Tom!", spans));
        Assert.Equal([new TextSpan(2, 2), new TextSpan(6, 3)], spans);
    }
}
