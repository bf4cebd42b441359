using Prebias.Core.Tokenization;

namespace Prebias.Tests.Tokenization;

/// <summary>
/// Id agreement with spm_encode for spm_train variants that exercise the other encoder paths: spaces kept
/// (Llama 2's remove_extra_whitespaces=false), pieces across spaces (split_by_whitespace=false: whole-text BPE,
/// no word cache) and no byte fallback (unknown characters become one merged &lt;unk&gt;).
/// </summary>
public sealed class SpmVariantAgreementTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("prebias-spm-variant-").FullName;

    [Theory]
    [InlineData(400, "--remove_extra_whitespaces=false")]
    [InlineData(400, "--split_by_whitespace=false")]
    [InlineData(200, "--byte_fallback=false")]
    public async Task Encode_MatchesSpmEncodeIds_WhenTrainerVariant(int vocabSize, string extraArgument)
    {
        var trainer = new SentencePieceTrainer(new SentencePieceTrainerOptions { NumThreads = 1, ExtraArguments = [extraArgument] });
        var corpus = TestCorpus.Sentences(600, seed: 11);
        var model = await trainer.TrainAsync(corpus, vocabSize, Path.Combine(_directory, "variant"), CancellationToken.None);
        var lines = corpus.Take(150).Concat(SentencePieceTextTokenizerTests.ExtraLines)
            .Append("two  spaces and   three").Append(" lead").Append("Ωμέγα日本 unseen ☃☃ chars").ToList();

        var expected = await SpmEncode.IdsAsync(model, lines, _directory);
        var tokenizer = SentencePieceTextTokenizer.Load(model);
        Assert.True(tokenizer.UsesExactBpeEncoder);
        if (extraArgument.Contains("split_by_whitespace")) // the variant must really produce cross-space pieces
            Assert.Contains(tokenizer.Model.Pieces, p => p.Piece.TrimStart('\u2581').Contains('\u2581'));
        if (extraArgument.Contains("byte_fallback")) Assert.Contains(0, tokenizer.Encode("☃")); // <unk>
        for (var i = 0; i < lines.Count; i++)
            Assert.True(expected[i] == string.Join(' ', tokenizer.Encode(lines[i])), $"line {i}: '{lines[i]}' expected {expected[i]}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
