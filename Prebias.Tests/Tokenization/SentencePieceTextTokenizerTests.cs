using System.Text;
using Prebias.Core.Tokenization;

namespace Prebias.Tests.Tokenization;

public sealed class SentencePieceTextTokenizerTests(SentencePieceFixture fixture) : IClassFixture<SentencePieceFixture>
{
    // Lines the trainer never saw: unseen characters (byte fallback), tabs, repeated/leading/trailing spaces,
    // repeated letters (equal-score merge ties: spm merges the leftmost pair first), digits and emoji.
    internal static readonly string[] ExtraLines =
    [
        "weee, sooo goooood!!!", "  leading and trailing spaces  ", "double  spaces   inside", "tab\tseparated\twords",
        "Ωμέγα and 日本語 text", "numbers 1234567890 and 3.14159", "emoji 🙂🙂 and 🚀", "aaaaaaaa bbbbbbb", "x",
        "Mixed CASE Words: HELLO hello HeLLo", "\"quoted\" 'single' (parens) [brackets] {braces}", "ünïcödé ñ ç ß",
    ];

    [Fact]
    public async Task Encode_MatchesSpmEncodeIds_WhenSingleLines()
    {
        // spm_encode reads one sentence per line, so the comparison is on single lines (no '\n' inside).
        var lines = fixture.Corpus.Take(300).Concat(TestCorpus.Sentences(200, seed: 7)).Concat(ExtraLines).ToList();
        var expected = await SpmEncode.IdsAsync(fixture.ModelPath, lines, fixture.Directory);

        var tokenizer = fixture.Load();
        Assert.True(tokenizer.UsesExactBpeEncoder);
        for (var i = 0; i < lines.Count; i++)
            Assert.True(expected[i] == string.Join(' ', tokenizer.Encode(lines[i])), $"line {i}: '{lines[i]}'");
    }

    [Fact]
    public void Load_ReportsVocabularyAndSpecialIds_WhenTrainedWithLlama2cOptions()
    {
        var tokenizer = fixture.Load();
        Assert.Equal(512, tokenizer.VocabSize);
        Assert.Equal(1, tokenizer.BosId);
        Assert.Equal(2, tokenizer.EosId);
        Assert.Equal("<unk>", tokenizer.IdToPiece(0));
        Assert.Equal("<0x0A>", tokenizer.IdToPiece(3 + 0x0A)); // byte pieces follow the 3 special pieces
        Assert.Equal("bpe", tokenizer.Model.ModelType);
        Assert.Equal("identity", tokenizer.Model.NormalizerName);
    }

    [Theory]
    [InlineData("Once upon a time, Lily had a cat.")]
    [InlineData("Line one.\nLine two 日本 🙂")]
    [InlineData("Tom said: \"I love my kite!\"\n\nThe end.")]
    public void Decode_ReturnsOriginalText_WhenEncoded(string text)
    {
        var tokenizer = fixture.Load();
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void EncodeToPieces_UsesByteFallbackForNewline_WhenTextHasNewline()
    {
        var encoded = fixture.Load().EncodeToPieces("cat\ndog");
        Assert.Equal(encoded.Ids.Count, encoded.Pieces.Count);
        Assert.Contains("<0x0A>", encoded.Pieces);
        Assert.Equal(3 + 0x0A, encoded.Ids[encoded.Pieces.ToList().IndexOf("<0x0A>")]);
        Assert.StartsWith("\u2581", encoded.Pieces[0]); // dummy prefix, no BOS
        Assert.DoesNotContain(1, encoded.Ids);
    }

    [Fact]
    public void Encode_ReturnsNoIds_WhenTextIsEmptyOrSpaces()
    {
        var tokenizer = fixture.Load();
        Assert.Empty(tokenizer.Encode(""));
        Assert.Empty(tokenizer.Encode("   "));
    }

    [Fact]
    public void Load_ThrowsFormatError_WhenModelTruncated()
    {
        var bytes = File.ReadAllBytes(fixture.ModelPath);
        var error = Assert.Throws<TokenizerFormatException>(() => SentencePieceTextTokenizer.Load(bytes[..(bytes.Length / 2)]));
        Assert.Contains("corrupt or truncated", error.Message);
    }

    [Fact]
    public void Load_ThrowsFormatError_WhenFileIsNotAModel()
    {
        var garbage = Encoding.UTF8.GetBytes("{\"this\": \"is json, not a sentencepiece model\"}");
        Assert.Throws<TokenizerFormatException>(() => SentencePieceTextTokenizer.Load(garbage));
        Assert.Throws<TokenizerFormatException>(() => SentencePieceTextTokenizer.Load(Array.Empty<byte>()));
    }
}
