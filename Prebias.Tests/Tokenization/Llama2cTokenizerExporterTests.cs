using System.Text;
using Prebias.Core.Tokenization;

namespace Prebias.Tests.Tokenization;

public sealed class Llama2cTokenizerExporterTests(SentencePieceFixture fixture) : IClassFixture<SentencePieceFixture>
{
    private static (int MaxLength, List<(float Score, byte[] Bytes)> Entries) Parse(byte[] file)
    {
        using var reader = new BinaryReader(new MemoryStream(file));
        var maxLength = reader.ReadInt32();
        var entries = new List<(float, byte[])>();
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var score = reader.ReadSingle();
            var length = reader.ReadInt32();
            entries.Add((score, reader.ReadBytes(length)));
        }
        return (maxLength, entries);
    }

    [Fact]
    public void Export_WritesLlama2cLayout_WhenSentencePiece()
    {
        var tokenizer = fixture.Load();
        using var stream = new MemoryStream();
        Llama2cTokenizerExporter.Export(tokenizer, stream);
        var (maxLength, entries) = Parse(stream.ToArray());

        Assert.Equal(512, entries.Count);
        Assert.Equal(entries.Max(e => e.Bytes.Length), maxLength);
        Assert.Equal("<unk>", Encoding.UTF8.GetString(entries[0].Bytes));
        Assert.Equal("\n<s>\n", Encoding.UTF8.GetString(entries[1].Bytes));
        Assert.Equal("\n</s>\n", Encoding.UTF8.GetString(entries[2].Bytes));
        Assert.Equal("<0x0A>", Encoding.UTF8.GetString(entries[3 + 0x0A].Bytes)); // run.c parses "<0x%02hhX>"
        var onceId = tokenizer.Model.Pieces.ToList().FindIndex(p => p.Piece == "\u2581Once");
        Assert.True(onceId > 0);
        Assert.Equal(" Once", Encoding.UTF8.GetString(entries[onceId].Bytes));
        Assert.Equal(tokenizer.Model.Pieces[onceId].Score, entries[onceId].Score);
    }

    [Fact]
    public void Export_PadsWithFillerPieces_UpToTheModelsVocabulary()
    {
        var tokenizer = fixture.Load();
        using var stream = new MemoryStream();
        Llama2cTokenizerExporter.Export(tokenizer, vocabSize: 600, stream);
        var (maxLength, entries) = Parse(stream.ToArray());

        Assert.Equal(600, entries.Count); // run.c reads exactly vocab_size pieces
        Assert.Equal(entries.Max(e => e.Bytes.Length), maxLength);
        using var unpadded = new MemoryStream();
        Llama2cTokenizerExporter.Export(tokenizer, unpadded);
        Assert.Equal(Parse(unpadded.ToArray()).Entries.Select(e => (e.Score, Encoding.UTF8.GetString(e.Bytes))),
            entries.Take(512).Select(e => (e.Score, Encoding.UTF8.GetString(e.Bytes))));
        Assert.Equal("<fill512>", Encoding.UTF8.GetString(entries[512].Bytes));
        Assert.True(entries[512].Score < entries.Take(512).Min(e => e.Score)); // never preferred by run.c's merges
        Assert.Throws<ArgumentException>(() => Llama2cTokenizerExporter.Export(tokenizer, 100, new MemoryStream()));
    }

    [Fact]
    public void Export_WritesLlama2cByteLayout_WhenThereIsNoTokenizer()
    {
        using var stream = new MemoryStream();
        Llama2cTokenizerExporter.Export(null, vocabSize: 32000, stream);
        var (_, entries) = Parse(stream.ToArray());
        Assert.Equal(32000, entries.Count);
        Assert.Equal("\n<s>\n", Encoding.UTF8.GetString(entries[1].Bytes));
        Assert.Equal("<0x41>", Encoding.UTF8.GetString(entries[3 + 0x41].Bytes));
        Assert.Equal("<fill31999>", Encoding.UTF8.GetString(entries[31999].Bytes));
    }

    [Fact]
    public void Export_WritesRawBytesAndMinusIdScores_WhenGpt2()
    {
        using var stream = new MemoryStream();
        Llama2cTokenizerExporter.Export(TextTokenizers.Gpt2(), stream);
        var (maxLength, entries) = Parse(stream.ToArray());
        Assert.Equal(50257, entries.Count);
        Assert.Equal(entries.Max(e => e.Bytes.Length), maxLength);
        Assert.Equal("Hello", Encoding.UTF8.GetString(entries[15496].Bytes));
        Assert.Equal(-15496f, entries[15496].Score);
        Assert.Equal("<|endoftext|>", Encoding.UTF8.GetString(entries[50256].Bytes));
    }
}
