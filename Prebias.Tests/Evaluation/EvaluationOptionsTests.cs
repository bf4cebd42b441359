using System.Text.Json;
using Prebias.Core;
using Prebias.Core.Evaluation;

namespace Prebias.Tests.Evaluation;

public class EvaluationOptionsTests
{
    [Fact]
    public void Deserialize_KeepsDefaults_WhenJsonSetsOneField()
    {
        var options = JsonSerializer.Deserialize<EvaluationOptions>("""{"maxNewTokens": 50, "probe": {"occupations": ["pilot"]}}""", JsonDefaults.Options)!;
        Assert.Equal(50, options.MaxNewTokens);
        Assert.Equal("", options.Prompts[0]); // BOS alone comes first by default
        Assert.Equal(["pilot"], options.Probe.Occupations);
        Assert.Equal(["she_he", "her_his"], options.Probe.Pronouns.Select(p => p.Name));
    }

    [Fact]
    public void Serialize_RoundTripsPronounProbesAndStereotypes()
    {
        var json = JsonSerializer.Serialize(new EvaluationOptions(), JsonDefaults.Options);
        Assert.Contains("\"samplesPerPrompt\":1", json);
        var back = JsonSerializer.Deserialize<EvaluationOptions>(json, JsonDefaults.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, JsonDefaults.Options));
        Assert.Equal(" she", back.Probe.Pronouns[0].Feminine);
        Assert.Equal("she", back.Probe.Stereotypes["nurse"]);
    }

    [Fact]
    public void MinimalPairs_FillsEveryTemplateForEachStereotypedOccupation()
    {
        var probe = new BiasProbeOptions { Occupations = ["engineer", "nurse", "astronaut"] }; // no stereotype for astronaut
        var pairs = probe.MinimalPairs();
        Assert.Equal(2 * 4, pairs.Count);
        Assert.Equal(new GenderedSentencePair("engineer/2", "Once upon a time, there was an engineer. Every day, he went to work.",
            "Once upon a time, there was an engineer. Every day, she went to work."), pairs[2]);
        Assert.Equal("The nurse put on her hat and went outside.", pairs[7].Stereotyped);
        Assert.Equal("The nurse put on his hat and went outside.", pairs[7].AntiStereotyped);
    }

    [Fact]
    public void Validate_Throws_WhenNoPrompts()
    {
        Assert.Throws<ArgumentException>(() => new EvaluationOptions { Prompts = [] }.Validate());
    }
}
