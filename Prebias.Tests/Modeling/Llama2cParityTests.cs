using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Modeling;

/// <summary>
/// The exported model.bin, decoded the way llama2.c's run.c decodes it (<see cref="Llama2cReferenceDecoder"/>), must
/// give our logits and our greedy tokens: what bench generate --compare-runc checks against the real run.c.
/// </summary>
[Collection("Sequential")]
public class Llama2cParityTests
{
    private static readonly int[] Sequence = [1, 4, 2, 9, 7, 3, 3, 8, 5, 11, 20, 39, 0, 17];

    /// <summary>Tiny model whose tied embedding is scaled up 30×, so logits are spread (clear argmax margins).</summary>
    private static Transformer SharpModel()
    {
        var model = new Transformer(ModelFixtures.Tiny, seed: 11);
        using (no_grad())
        {
            var embedding = model.named_parameters().Single(p => p.name == "tok_embeddings.weight").parameter;
            embedding.mul_(30);
        }
        model.eval();
        return model;
    }

    private static Llama2cReferenceDecoder Reference(Transformer model)
    {
        using var stream = new MemoryStream();
        Llama2cExporter.Export(model, stream);
        return new Llama2cReferenceDecoder(stream.ToArray());
    }

    [Fact]
    public void Forward_MatchesRunCDecodingOfModelBin_AtEveryPosition()
    {
        using var model = SharpModel();
        var reference = Reference(model);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.Forward(tensor(Sequence.Select(t => (long)t).ToArray()).view(1, -1)).Logits; // (1, T, V)
        var ours = logits[0].data<float>().ToArray();
        var vocab = ModelFixtures.Tiny.VocabSize;
        for (var pos = 0; pos < Sequence.Length; pos++)
        {
            var expected = reference.Forward(Sequence[pos], pos);
            for (var id = 0; id < vocab; id++)
                Assert.True(Math.Abs(expected[id] - ours[pos * vocab + id]) < 1e-4,
                    $"pos {pos}, id {id}: run.c-style {expected[id]}, ours {ours[pos * vocab + id]}");
        }
    }

    [Fact]
    public void Generate_EqualsRunCGreedyTokens_FromBosAndFromAPrompt()
    {
        using var model = SharpModel();
        int[][] prompts = [[1], [1, 4, 2, 9]];
        var ours = TokenGenerator.Generate(model, prompts, new GenerationOptions { MaxNewTokens = 10 });
        foreach (var (prompt, row) in prompts.Select((p, i) => (p, i)))
        {
            var reference = Reference(model);
            var (tokens, smallestMargin) = GreedyRunC(reference, prompt, 10);
            Assert.True(smallestMargin > 1e-3, $"fixture has a near-tie (margin {smallestMargin}); greedy equality would be luck");
            Assert.Equal(tokens, ours[row]);
        }
    }

    [Fact]
    public void SingleSequenceDecoder_MatchesRunCLogitsAtEveryPosition()
    {
        using var model = SharpModel();
        var reference = Reference(model);
        var decoder = new SingleSequenceDecoder(model, threads: 2);
        for (var pos = 0; pos < Sequence.Length; pos++)
        {
            var expected = reference.Forward(Sequence[pos], pos);
            var ours = decoder.Forward(Sequence[pos], pos).ToArray();
            for (var id = 0; id < expected.Length; id++)
                Assert.True(Math.Abs(expected[id] - ours[id]) < 1e-4, $"pos {pos}, id {id}: run.c-style {expected[id]}, ours {ours[id]}");
        }
    }

    [Fact]
    public void SingleSequenceDecoder_EqualsRunCAndTorchSharpGreedyTokens()
    {
        using var model = SharpModel();
        int[][] prompts = [[1], [1, 4, 2, 9]];
        var torch = TokenGenerator.Generate(model, prompts, new GenerationOptions { MaxNewTokens = 10 });
        foreach (var (prompt, row) in prompts.Select((p, i) => (p, i)))
        {
            var (runc, smallestMargin) = GreedyRunC(Reference(model), prompt, 10);
            Assert.True(smallestMargin > 1e-3, $"fixture has a near-tie (margin {smallestMargin}); greedy equality would be luck");
            var ours = new SingleSequenceDecoder(model, threads: 1).Generate(prompt, 10, stopIds: []);
            Assert.Equal(runc, ours);
            Assert.Equal(torch[row], ours);
        }
    }

    [Fact]
    public void SingleSequenceDecoder_StopsBeforeAStopId_AndAtMaxSeqLen()
    {
        using var model = SharpModel();
        var decoder = new SingleSequenceDecoder(model);
        var free = decoder.Generate([1], 10, stopIds: []);
        var stopped = new SingleSequenceDecoder(model).Generate([1], 10, stopIds: [free[3]]);
        Assert.Equal(free.Take(free.ToList().IndexOf(free[3])), stopped);
        var capped = new SingleSequenceDecoder(model).Generate([1], 10_000, stopIds: []);
        Assert.Equal(model.Args.MaxSeqLen - 1, capped.Length);
    }

    [Theory]
    [InlineData(128, 4, 2, 300, 32, 2)] // head 32, hidden 384: whole vectors; vocab 300 ends in a partial row block
    [InlineData(40, 4, 2, 37, 4, 2)]    // head 10, kv_dim 20, hidden 108: scalar head tails, partial row blocks
    [InlineData(40, 4, 4, 37, 4, 1)]
    public void SingleSequenceDecoder_MatchesTorchSharpLogits_OverLongContexts_WhenStagesAreSplitOverThreads(
        int dim, int heads, int kvHeads, int vocab, int multipleOf, int threads)
    {
        // 40 positions: the attention kernel's 4-vector (32-position) passes and its tails; threshold 0 splits every
        // stage (products by row blocks, attention by heads) over the threads.
        var args = new ModelArgs
        {
            Dim = dim, NLayers = 2, NHeads = heads, NKvHeads = kvHeads, VocabSize = vocab, MaxSeqLen = 48,
            MultipleOf = multipleOf,
        };
        using var model = new Transformer(args, seed: 5);
        model.eval();
        var decoder = new SingleSequenceDecoder(model, threads, parallelWorkThreshold: 0);
        var sequence = Enumerable.Range(0, 40).Select(i => (i * 7 + 3) % vocab).ToArray();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(sequence.Select(t => (long)t).ToArray()).view(1, -1);
        var expected = model.Forward(input).Logits[0].data<float>().ToArray(); // (T, vocab)
        for (var pos = 0; pos < sequence.Length; pos++)
        {
            var ours = decoder.Forward(sequence[pos], pos).ToArray();
            Assert.Equal(vocab, ours.Length);
            for (var id = 0; id < vocab; id++)
                Assert.True(Math.Abs(expected[pos * vocab + id] - ours[id]) < 1e-4,
                    $"pos {pos}, id {id}: torch {expected[pos * vocab + id]}, ours {ours[id]}");
        }
    }

    // run.c's loop: feed the prompt one token per position, then argmax; also the smallest top-1/top-2 logit gap.
    private static (int[] Tokens, float SmallestMargin) GreedyRunC(Llama2cReferenceDecoder decoder, int[] prompt, int newTokens)
    {
        var generated = new List<int>();
        var margin = float.MaxValue;
        var token = prompt[0];
        for (var pos = 0; pos < prompt.Length - 1 + newTokens; pos++)
        {
            var logits = decoder.Forward(token, pos);
            if (pos + 1 < prompt.Length)
            {
                token = prompt[pos + 1];
                continue;
            }
            var ordered = logits.Select((value, id) => (value, id)).OrderByDescending(p => p.value).ToArray();
            margin = Math.Min(margin, ordered[0].value - ordered[1].value);
            token = ordered[0].id;
            generated.Add(token);
        }
        return (generated.ToArray(), margin);
    }
}
