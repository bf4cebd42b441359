using Prebias.Core.Datasets;
using Prebias.Tests.Tokenization;

namespace Prebias.Tests.Datasets;

public sealed class PretokenizerTests(SentencePieceFixture fixture) : IClassFixture<SentencePieceFixture>
{
    [Fact]
    public void Run_WritesBosTokensEosPerDocument_WhenDocumentsFit()
    {
        var tokenizer = fixture.Load();
        string[] documents = ["  Lily had a cat.  ", "Tom went to the park.\nHe was happy.", ""];
        var path = Path.Combine(fixture.Directory, "fit.bin");
        var samples = new List<PretokenizedSample>();
        var result = new Pretokenizer(tokenizer, new PretokenizeOptions { MaxSeqLen = 64, ChunkSize = 2, ValFraction = 0 })
            .Run(documents, path, samples.AddRange);

        Assert.Equal(3, result.SampleCount);
        Assert.Equal([0L, 1, 2], samples.Select(s => s.SampleId));
        using var store = TokenStore.Open(path);
        Assert.Equal(65, store.RowLength);
        Assert.Equal(2, store.PadId); // EOS pads; the stored length masks it out of the loss
        int[] expected0 = [1, .. tokenizer.Encode("Lily had a cat."), 2]; // trimmed, as llama2.c does; EOS ends a story that fits
        Assert.Equal(expected0, store.ReadTokens(0));
        Assert.Equal(expected0.Length, samples[0].TokenCount);
        Assert.Equal([1, 2], store.ReadTokens(2)); // an empty document is BOS then EOS
        Assert.All(samples, s => Assert.False(s.Truncated));
    }

    [Fact]
    public void Run_FlagsTruncation_WhenDocumentLongerThanMaxSeqLen()
    {
        var tokenizer = fixture.Load();
        var longText = string.Join(' ', fixture.Corpus.Take(20));
        var path = Path.Combine(fixture.Directory, "trunc.bin");
        var samples = new List<PretokenizedSample>();
        var result = new Pretokenizer(tokenizer, new PretokenizeOptions { MaxSeqLen = 8 }).Run([longText], path, samples.AddRange);
        using var store = TokenStore.Open(path);
        Assert.True(samples[0].Truncated);
        Assert.Equal(9, samples[0].StoredLength);
        Assert.Equal(1 + tokenizer.Encode(longText).Count + 1, samples[0].TokenCount);
        Assert.Equal([1, .. tokenizer.Encode(longText).Take(8)], store.Read(0)); // cut before the EOS: no end is taught
        Assert.Equal(1, result.TruncatedCount);
    }

    [Fact]
    public void Run_IsByteIdenticalAndSplitStable_WhenThreadCountAndChunkingDiffer()
    {
        var tokenizer = fixture.Load();
        var documents = TestCorpus.Sentences(300, seed: 3);
        var one = Path.Combine(fixture.Directory, "t1.bin");
        var two = Path.Combine(fixture.Directory, "t2.bin");
        var splitsOne = new List<PretokenizedSample>();
        var splitsTwo = new List<PretokenizedSample>();
        new Pretokenizer(tokenizer, new PretokenizeOptions { Threads = 1, ChunkSize = 300, ValFraction = 0.2, Seed = 9 })
            .Run(documents, one, splitsOne.AddRange);
        new Pretokenizer(tokenizer, new PretokenizeOptions { Threads = 2, ChunkSize = 7, ValFraction = 0.2, Seed = 9 })
            .Run(documents, two, splitsTwo.AddRange);
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        Assert.Equal(splitsOne, splitsTwo);
        var valCount = splitsOne.Count(s => s.Split == DatasetSplit.Val);
        Assert.InRange(valCount, 30, 90); // ~60 expected of 300 at 0.2
    }

    [Fact]
    public void Run_StartsRowsWithEndOfText_WhenGpt2()
    {
        var path = Path.Combine(fixture.Directory, "gpt2.bin");
        new Pretokenizer(Prebias.Core.Tokenization.TextTokenizers.Gpt2(), new PretokenizeOptions { MaxSeqLen = 4 }).Run(["Hello world"], path);
        using var store = TokenStore.Open(path);
        Assert.Equal(2, store.Header.ElementSize); // 50257 ids fit in uint16
        Assert.Equal([50256, 15496, 995, 50256, 50256], store.Read(0));
        Assert.Equal(4, store.GetLength(0)); // <|endoftext|> starts and ends the document
    }

    [Fact]
    public void Run_Throws_WhenCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var path = Path.Combine(fixture.Directory, "cancel.bin");
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Pretokenizer(fixture.Load()).Run(["a", "b"], path, ct: cancelled.Token));
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".tmp"));
    }
}
