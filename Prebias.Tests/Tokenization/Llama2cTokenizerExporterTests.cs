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
