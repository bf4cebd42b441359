using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Modeling;

[Collection("Sequential")]
public class TokenGeneratorTests
{
    private static readonly int[][] Prompts = [[1], [4, 2, 9], [7, 3, 3, 8, 5]];

    /// <summary>Reference decoder: full forward over the whole sequence each step, argmax of the last position.</summary>
    private static int[] GreedyWithoutCache(Transformer model, int[] prompt, int newTokens)
    {
        var sequence = prompt.ToList();
        using var noGrad = no_grad();
        for (var i = 0; i < newTokens; i++)
        {
            using var scope = NewDisposeScope();
            var logits = model.Forward(tensor(sequence.Select(t => (long)t).ToArray()).view(1, -1)).Logits; // (1, T, V)
            sequence.Add((int)logits[0, -1].argmax().item<long>());
        }
        return sequence.Skip(prompt.Length).ToArray();
    }

    [Fact]
    public void Generate_MatchesNoCacheGreedy_ForBatchedPromptsOfDifferentLengths()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 5);
        model.eval();
        var generated = TokenGenerator.Generate(model, Prompts, new GenerationOptions { MaxNewTokens = 8 });
        for (var row = 0; row < Prompts.Length; row++)
            Assert.Equal(GreedyWithoutCache(model, Prompts[row], 8), generated[row]);
    }

    [Fact]
    public void Generate_StopsBeforeEos_WhenEosIsProduced()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 5);
        var free = TokenGenerator.Generate(model, Prompts, new GenerationOptions { MaxNewTokens = 8 });
        var eos = free[1][2];
        var stopped = TokenGenerator.Generate(model, Prompts, new GenerationOptions { MaxNewTokens = 8, EosId = eos });
        Assert.Equal(free[1].TakeWhile(t => t != eos).ToArray(), stopped[1]);
        Assert.True(stopped[1].Length <= 2);
    }

    [Fact]
    public void Generate_IsReproducible_WhenSamplingWithSameSeed()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 5);
        var options = new GenerationOptions { MaxNewTokens = 10, Temperature = 1.0, TopK = 20, Seed = 3 };
        var a = TokenGenerator.Generate(model, Prompts, options);
        var b = TokenGenerator.Generate(model, Prompts, options);
        var c = TokenGenerator.Generate(model, Prompts, options with { Seed = 4 });
        Assert.Equal(a, b);
        Assert.NotEqual(a, c); // 30 draws over ~uniform 20 tokens: a full collision is practically impossible
    }

    [Fact]
    public void GenerateWithEnds_MixedBatch_EqualsGreedyAndSampledBatchesDecodedApart()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 5);
        var options = new GenerationOptions { MaxNewTokens = 10, Temperature = 1.0, TopK = 20, Seed = 3, EosId = 6 };
        int[][] sampledPrompts = [.. Prompts, .. Prompts];
        var greedy = TokenGenerator.GenerateWithEnds(model, Prompts, options with { Temperature = 0 });
        var sampled = TokenGenerator.GenerateWithEnds(model, sampledPrompts, options);
        var mixed = TokenGenerator.GenerateWithEnds(model, [.. Prompts, .. sampledPrompts], options,
            sampledRows: Enumerable.Range(Prompts.Length, sampledPrompts.Length).ToArray());
        static string Text(GeneratedTokens g) => string.Join(' ', g.Ids) + (g.EndedWithEos ? " <eos>" : "");
        Assert.Equal(greedy.Concat(sampled).Select(Text), mixed.Select(Text));
        Assert.NotEqual(greedy.Select(Text), sampled.Take(Prompts.Length).Select(Text)); // the modes differ
    }

    [Fact]
    public void Generate_EqualsGreedy_WhenTopKIsOne()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 5);
        var greedy = TokenGenerator.Generate(model, Prompts, new GenerationOptions { MaxNewTokens = 6 });
        var topOne = TokenGenerator.Generate(model, Prompts, new GenerationOptions { MaxNewTokens = 6, Temperature = 0.8, TopK = 1 });
        Assert.Equal(greedy, topOne);
    }

    [Fact]
    public void Sample_DrawsOnlyFromTopK_WhenTopKSet()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var logits = tensor(new float[] { 0, 1, 2, 3 }).view(1, 4).expand(200, 4); // 200 rows of the same logits
        var draws = TokenGenerator.Sample(logits, new GenerationOptions { Temperature = 1.0, TopK = 2 }, generator)
            .data<long>().ToArray();
        Assert.All(draws, d => Assert.Contains(d, new long[] { 2, 3 }));
        // P(3) = e³/(e²+e³) = 0.731: both tokens appear.
        Assert.Contains(2L, draws);
        Assert.Contains(3L, draws);
    }

    [Fact]
    public void Generate_CapsLengthAtMaxSeqLen_WhenAskedForMore()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 5); // max_seq_len 16
        var generated = TokenGenerator.Generate(model, [[1, 2, 3]], new GenerationOptions { MaxNewTokens = 50 });
        Assert.Equal(13, generated[0].Length);
    }
}
