using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Modeling;

[Collection("Sequential")]
public class TransformerTests
{
    // Hand counts: per layer 4 attention matrices + 3 FFN matrices + 2 norms; embedding (shared with output); final norm.
    [Theory]
    [InlineData("stories260k", 260_032L)]     // 5·(64·64·2 + 64·32·2 + 3·64·172 + 128) + 512·64 + 64
    [InlineData("tiny1m", 1_328_256L)]        // 4·(4·128² + 3·128·352 + 256) + 4096·128 + 128
    [InlineData("stories15m", 15_191_712L)]   // 6·(4·288² + 3·288·768 + 576) + 32000·288 + 288; llama2.c: "15M"
    [InlineData("stories42m", 41_689_600L)]   // 8·(4·512² + 3·512·1376 + 1024) + 32000·512 + 512; llama2.c: "42M"
    [InlineData("stories110m", 109_529_856L)] // 12·(4·768² + 3·768·2048 + 1536) + 32000·768 + 768; llama2.c: "110M"
    public void ParameterCount_MatchesHandCount_ForEachPreset(string preset, long expected)
    {
        using var model = new Transformer(ModelPresets.Get(preset), seed: 1);
        Assert.Equal(expected, model.ParameterCount);
    }

    [Theory]
    [InlineData("stories260k")]
    [InlineData("tiny1m")]
    [InlineData("stories15m")]
    public void Forward_ReturnsLogitsOfShapeBTV_ForSmallPresets(string preset)
    {
        var args = ModelPresets.Get(preset);
        using var model = new Transformer(args, seed: 1);
        using var scope = NewDisposeScope();
        var tokens = randint(args.VocabSize, [2, 5], dtype: ScalarType.Int64);
        var targets = randint(args.VocabSize, [2, 5], dtype: ScalarType.Int64);
        var (logits, loss) = model.Forward(tokens, targets);
        Assert.Equal(new long[] { 2, 5, args.VocabSize }, logits.shape);
        // At initialisation the prediction is near uniform: loss ≈ ln(vocab).
        Assert.InRange(loss!.item<float>(), Math.Log(args.VocabSize) - 0.5, Math.Log(args.VocabSize) + 0.5);
    }

    [Fact]
    public void NamedParameters_AreLlama2cNames_WhenModelBuilt()
    {
        using var model = new Transformer(ModelFixtures.Tiny with { NLayers = 1 }, seed: 1);
        string[] expected =
        [
            "tok_embeddings.weight", "layers.0.attention.wq.weight", "layers.0.attention.wk.weight",
            "layers.0.attention.wv.weight", "layers.0.attention.wo.weight", "layers.0.feed_forward.w1.weight",
            "layers.0.feed_forward.w2.weight", "layers.0.feed_forward.w3.weight", "layers.0.attention_norm.weight",
            "layers.0.ffn_norm.weight", "norm.weight", "output.weight",
        ];
        Assert.Equal(expected.Order(), model.state_dict().Keys.Order());
    }

    [Fact]
    public void OutputWeight_SharesValuesAndGradientWithEmbedding_WhenModelBuilt()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var scope = NewDisposeScope();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var tokens = tensor(new long[] { 1, 2, 3, 4 }).view(1, 4);
        model.Forward(tokens, tensor(new long[] { 5, 6, 7, 8 }).view(1, 4)).Loss!.backward();
        var embedding = parameters["tok_embeddings.weight"];
        var output = parameters["output.weight"];
        Assert.True(embedding.grad!.allclose(output.grad!, rtol: 0, atol: 0));
        using (no_grad()) embedding[0, 0] = 42f;
        Assert.Equal(42f, output[0, 0].item<float>());
        Assert.DoesNotContain(model.UniqueNamedParameters(), p => p.Name == "output.weight");
    }

    [Fact]
    public void Initialise_UsesLlama2cStds_WhenModelBuilt()
    {
        var args = ModelPresets.Get("tiny1m"); // 4 layers: residual std 0.02/sqrt(8) = 0.0070711
        using var model = new Transformer(args, seed: 3);
        var state = model.state_dict();
        double Std(string name) => state[name].std().item<float>();
        Assert.InRange(Std("layers.0.attention.wq.weight"), 0.0194, 0.0206);
        Assert.InRange(Std("layers.0.feed_forward.w1.weight"), 0.0194, 0.0206);
        Assert.InRange(Std("layers.0.attention.wo.weight"), 0.00686, 0.00729);
        Assert.InRange(Std("layers.3.feed_forward.w3.weight"), 0.00686, 0.00729);
        Assert.InRange(Std("tok_embeddings.weight"), 0.0194, 0.0206);
        Assert.True(state["norm.weight"].eq(1).all().item<bool>());
    }

    [Fact]
    public void Constructor_GivesIdenticalWeights_WhenSeedIsSame()
    {
        using var a = new Transformer(ModelFixtures.Tiny, seed: 11);
        using var b = new Transformer(ModelFixtures.Tiny, seed: 11);
        using var c = new Transformer(ModelFixtures.Tiny, seed: 12);
        var wa = a.state_dict()["layers.1.attention.wk.weight"];
        Assert.True(wa.allclose(b.state_dict()["layers.1.attention.wk.weight"], rtol: 0, atol: 0));
        Assert.False(wa.allclose(c.state_dict()["layers.1.attention.wk.weight"], rtol: 0, atol: 0));
    }

    [Fact]
    public void Forward_IgnoresPaddedTargets_WhenIgnoreIndexGiven()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var scope = NewDisposeScope();
        var tokens = tensor(new long[] { 3, 9, 4, 1, 0, 0 }).view(1, 6);
        var targets = tensor(new long[] { 9, 4, 1, 5, 99, 99 }).view(1, 6); // last two positions are padding
        var (logits, loss) = model.Forward(tokens, targets, ignoreIndex: 99);
        // Mean of -log softmax at the 4 real targets, computed by hand from the logits.
        var logProbs = nn.functional.log_softmax(logits[0], dim: -1);
        var expected = -(logProbs[0, 9] + logProbs[1, 4] + logProbs[2, 1] + logProbs[3, 5]) / 4;
        Assert.Equal(expected.item<float>(), loss!.item<float>(), 5);
    }

    [Fact]
    public void Forward_IsCausal_WhenLaterTokensChange()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        model.eval();
        using var scope = NewDisposeScope();
        var a = model.Forward(tensor(new long[] { 1, 2, 3, 4 }).view(1, 4)).Logits;
        var b = model.Forward(tensor(new long[] { 1, 2, 7, 8 }).view(1, 4)).Logits;
        Assert.True(a.narrow(1, 0, 2).allclose(b.narrow(1, 0, 2), rtol: 0, atol: 1e-6));
        Assert.False(a.narrow(1, 2, 1).allclose(b.narrow(1, 2, 1), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void AttentionWeights_AreCausalRowStochastic_ForEveryLayerAndHead()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var weights = model.AttentionWeights(tensor(new long[] { 1, 2, 3, 4, 5 }).view(1, 5));
        Assert.Equal(new long[] { 2, 1, 4, 5, 5 }, weights.shape); // (n_layers, B, n_heads, T, T)
        Assert.True(weights.sum(-1).allclose(ones(2, 1, 4, 5), atol: 1e-5));
        Assert.True(weights.triu(1).eq(0).all().item<bool>());
        // The first token can only attend to itself.
        Assert.True(weights[.., .., .., 0, 0].eq(1).all().item<bool>());
    }
}
