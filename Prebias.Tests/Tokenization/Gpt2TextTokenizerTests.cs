using Prebias.Core.Tokenization;

namespace Prebias.Tests.Tokenization;

public sealed class Gpt2TextTokenizerTests
{
    [Fact]
    public void Encode_ReturnsKnownIds_WhenHelloWorld()
    {
        var tokenizer = TextTokenizers.Gpt2();
        Assert.Equal([15496, 995], tokenizer.Encode("Hello world"));
        Assert.Equal("Hello world", tokenizer.Decode([15496, 995]));
    }

    [Fact]
    public void SpecialIds_HaveNoBosAndEndOfTextAsEos_WhenGpt2()
    {
        var tokenizer = TextTokenizers.Gpt2();
        Assert.Null(tokenizer.BosId);
        Assert.Equal(50256, tokenizer.EosId);
        Assert.Equal(50257, tokenizer.VocabSize);
    }

    [Fact]
    public void TokenBytes_ReturnsRawBytes_WhenTokenIsPartialUtf8()
    {
        var tokenizer = new Gpt2TextTokenizer();
        Assert.Equal(" world"u8.ToArray(), tokenizer.TokenBytes(995).ToArray());
        Assert.Equal(new byte[] { 0x21 }, tokenizer.TokenBytes(0).ToArray()); // id 0 is "!"
        // "🙂" (F0 9F 99 82) is several byte-level tokens; their bytes concatenate back to the UTF-8.
        var bytes = tokenizer.Encode("🙂").SelectMany(id => tokenizer.TokenBytes(id).ToArray()).ToArray();
        Assert.Equal(new byte[] { 0xF0, 0x9F, 0x99, 0x82 }, bytes);
    }
}
