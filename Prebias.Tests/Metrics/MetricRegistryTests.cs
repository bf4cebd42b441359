using System.Text.RegularExpressions;
using Prebias.Core.Metrics;

namespace Prebias.Tests.Metrics;

public class MetricRegistryTests
{
    [Fact]
    public void All_HasUniqueSqlSafeNames_WhenListed()
    {
        var names = MetricRegistry.All.Select(d => d.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches(new Regex("^[a-z][a-z0-9_]{0,62}$"), n));
        Assert.Equal(Enumerable.Range(0, names.Count), MetricRegistry.All.Select(d => d.Index));
    }

    [Fact]
    public void All_ContainsIssueMetrics_WhenRegistryBuilt()
    {
        string[] required = ["bleu", "flesch_kincaid_grade", "gunning_fog", "vocabulary_diversity", "subjectivity", "sentiment",
            "profanity_rate", "token_count", "sentence_count", "mean_sentence_length", "mean_word_length", "compression_ratio",
            "mtld", "flesch_reading_ease", "male_word_rate", "female_word_rate", "gender_ratio", "perplexity"];
        Assert.All(required, name => Assert.True(MetricRegistry.TryGet(name, out _), name));
    }

    [Fact]
    public void TryGet_IsCaseInsensitiveAndKindAware_WhenPerplexity()
    {
        Assert.True(MetricRegistry.TryGet("PERPLEXITY", out var perplexity));
        Assert.Equal(MetricKind.Model, perplexity.Kind);
        Assert.DoesNotContain(perplexity, MetricRegistry.TextMetrics);
        Assert.False(MetricRegistry.TryGet("drop table", out _));
    }

    [Fact]
    public void Resolve_ThrowsListingValidNames_WhenUnknownName()
    {
        var error = Assert.Throws<UnknownMetricException>(() => MetricRegistry.Resolve(["sentiment", "happiness"]));
        Assert.Equal(["happiness"], error.UnknownNames);
        Assert.Contains("happiness", error.Message);
        Assert.Contains("flesch_reading_ease", error.Message);
    }

    [Fact]
    public void Resolve_ReturnsRegistryOrderWithoutDuplicates_WhenNamesShuffled()
    {
        var resolved = MetricRegistry.Resolve(["mtld", "BLEU", "token_count", "mtld"]);
        Assert.Equal(["token_count", "mtld", "bleu"], resolved.Select(d => d.Name));
        Assert.Equal(MetricRegistry.All.Count, MetricRegistry.Resolve(null).Count);
    }

    [Fact]
    public void Resolve_RejectsModelMetric_WhenTextKindRequested()
    {
        Assert.Throws<UnknownMetricException>(() => new TextMetricsScorer(metrics: ["perplexity"]));
    }
}
