using Prebias.Core.Text;

namespace Prebias.Tests.Text;

public class SentenceSplitterTests
{
    private static List<string> Sentences(string text)
    {
        var spans = new List<TextSpan>();
        SentenceSplitter.Split(text, spans);
        return spans.ConvertAll(s => text.Substring(s.Start, s.Length));
    }

    [Fact]
    public void Split_KeepsSpeechTagInSentence_WhenQuoteClosesAfterQuestionMark()
    {
        Assert.Equal(["\"Why are you sad?\" asked Tom.", "He cried."], Sentences("\"Why are you sad?\" asked Tom. He cried."));
    }

    [Fact]
    public void Split_KeepsCapitalisedSpeakerTag_WhenFollowedBySpeechVerb()
    {
        Assert.Equal(["\"Let's play!\" Tom said.", "\"Yes!\""], Sentences("\"Let's play!\" Tom said. \"Yes!\""));
    }

    [Fact]
    public void Split_StartsNewSentenceAtTag_WhenTagIntroducesNextQuote()
    {
        Assert.Equal(["\"Why are you sad, Tom?\"", "Tom replied, \"I can't find my belt.\""],
            Sentences("\"Why are you sad, Tom?\" Tom replied, \"I can't find my belt.\""));
    }

    [Fact]
    public void Split_SplitsAfterClosingQuote_WhenNextSentenceStartsCapitalised()
    {
        Assert.Equal(["Mom said, \"Go to bed.\"", "Lily went to bed."], Sentences("Mom said, \"Go to bed.\" Lily went to bed."));
    }

    [Fact]
    public void Split_DoesNotSplit_WhenAbbreviationOrInitial()
    {
        Assert.Equal(["Mr. Brown and Dr. Lee walked down St. John Road with J. Smith.", "They ate fruit, e.g. apples."],
            Sentences("Mr. Brown and Dr. Lee walked down St. John Road with J. Smith. They ate fruit, e.g. apples."));
    }

    [Fact]
    public void Split_DoesNotSplit_WhenDecimalNumber()
    {
        Assert.Equal(["The toy cost 3.50 dollars.", "Tom paid."], Sentences("The toy cost 3.50 dollars. Tom paid."));
    }

    [Fact]
    public void Split_HandlesEllipsis_ContinuingBeforeLowerCaseAndSplittingBeforeUpperCase()
    {
        Assert.Equal(["She waited... and waited…", "Then the bus came!?", "Yay."],
            Sentences("She waited... and waited… Then the bus came!? Yay."));
    }

    [Fact]
    public void Split_EndsSentenceAtNewline_WhenNoTerminator()
    {
        Assert.Equal(["The End", "Once upon a time there was a cat.", "It was big."],
            Sentences("The End\n\nOnce upon a time there was a cat. It was big.\n"));
    }
}
