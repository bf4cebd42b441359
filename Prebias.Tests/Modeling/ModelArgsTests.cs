using System.Text.Json;
using Prebias.Core.Modeling;

namespace Prebias.Tests.Modeling;

public class ModelArgsTests
{
    // llama2.c: h = 4·dim; h = int(2h/3); h = multiple_of·ceil(h/multiple_of).
    [Theory]
    [InlineData("stories260k", 172)]  // 256 -> 170 -> 172 (multiple of 4)
    [InlineData("tiny1m", 352)]       // 512 -> 341 -> 352 (multiple of 32)
    [InlineData("stories15m", 768)]   // 1152 -> 768 -> 768
    [InlineData("stories42m", 1376)]  // 2048 -> 1365 -> 1376
    [InlineData("stories110m", 2048)] // 3072 -> 2048 -> 2048
    public void ComputeHiddenDim_FollowsLlama2cRule_ForEachPreset(string preset, int expected)
    {
        Assert.Equal(expected, FeedForward.ComputeHiddenDim(ModelPresets.Get(preset)));
    }

    [Fact]
    public void ComputeHiddenDim_ReturnsExplicitValue_WhenHiddenDimSet()
    {
        Assert.Equal(100, FeedForward.ComputeHiddenDim(ModelPresets.Get("tiny1m") with { HiddenDim = 100 }));
    }

    [Fact]
    public void Get_ReturnsPresetValues_WhenNameIsKnownInAnyCase()
    {
        var args = ModelPresets.Get("Stories260K");
        Assert.Equal((64, 5, 8, 4, 512, 512, 4), (args.Dim, args.NLayers, args.NHeads, args.EffectiveKvHeads,
            args.VocabSize, args.MaxSeqLen, args.MultipleOf));
        Assert.Equal(1e-5, args.NormEps);
    }

    [Fact]
    public void Get_Throws_WhenPresetUnknown()
    {
        Assert.Throws<KeyNotFoundException>(() => ModelPresets.Get("gpt5"));
    }

    [Fact]
    public void Validate_Throws_WhenHeadsDoNotDivideDim()
    {
        var args = ModelPresets.Get("tiny1m") with { NHeads = 3 };
        Assert.Throws<ArgumentException>(args.Validate);
    }

    [Fact]
    public void Serialize_RoundTripsWithCamelCaseNames_WhenUsingWebDefaults()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var args = ModelPresets.Get("stories15m") with { Dropout = 0.1 };
        var json = JsonSerializer.Serialize(args, options);
        Assert.Contains("\"nLayers\":6", json);
        Assert.Equal(args, JsonSerializer.Deserialize<ModelArgs>(json, options));
    }
}
