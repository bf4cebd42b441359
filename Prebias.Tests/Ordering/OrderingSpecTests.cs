using System.Text.Json;
using Prebias.Core;
using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public class OrderingSpecTests
{
    [Fact]
    public void Validate_Passes_WhenDefaultShuffle() => new OrderingSpec().Validate();

    [Theory]
    [InlineData("sortAsc", null, null, null, "unknown method 'sortAsc'")]
    [InlineData("sort_asc", null, null, null, "method sort_asc needs a metric")]
    [InlineData("sort_desc", "happiness", null, null, "unknown metric 'happiness'")]
    [InlineData("threshold", "sentiment", null, null, "method threshold needs min or max")]
    [InlineData("sorted_threshold", "sentiment", 0.9, 0.1, "min (0.9) is greater than max (0.1)")]
    [InlineData("shuffle", null, 0.5, null, "shuffle does not filter")]
    public void Validate_Throws_WhenSpecIsInvalid(string method, string? metric, double? min, double? max, string expected)
    {
        var spec = new OrderingSpec { Method = method, Metric = metric, Min = min, Max = max };
        var error = Assert.Throws<OrderingException>(spec.Validate);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(0, null, "buckets must be at least 1, not 0")]
    [InlineData(null, 0.0, "pacing must be in (0, 1], not 0")]
    [InlineData(null, 1.5, "pacing must be in (0, 1], not 1.5")]
    public void Validate_Throws_WhenCurriculumParametersAreOutOfRange(int? buckets, double? pacing, string expected)
    {
        var spec = new OrderingSpec { Method = "curriculum", Metric = "sentiment", Buckets = buckets, Pacing = pacing };
        Assert.Contains(expected, Assert.Throws<OrderingException>(spec.Validate).Message);
    }

    [Fact]
    public void Validate_Throws_WhenFieldsDoNotApplyToMethod()
    {
        var spec = new OrderingSpec { Method = "sort_asc", Metric = "sentiment", Order = "desc", Buckets = 3 };
        var message = Assert.Throws<OrderingException>(spec.Validate).Message;
        Assert.Contains("order applies only to sorted_threshold and curriculum", message);
        Assert.Contains("buckets and pacing apply only to curriculum", message);
    }

    [Fact]
    public void Validate_Passes_WhenMetricCaseDiffersAndPacingIsOne()
    {
        var spec = new OrderingSpec { Method = "curriculum", Metric = "Flesch_Reading_Ease", Order = "desc", Pacing = 1 };
        Assert.Equal("flesch_reading_ease", spec.ResolveMetric()!.Name);
    }

    [Fact]
    public void Json_RoundTripsCamelCase_WithDefaultsOmitted()
    {
        const string json = """{"method":"curriculum","metric":"sentiment","order":"desc","buckets":3,"pacing":0.25,"seed":7}""";
        var spec = JsonSerializer.Deserialize<OrderingSpec>(json, JsonDefaults.Options)!;
        Assert.Equal(new OrderingSpec { Method = "curriculum", Metric = "sentiment", Order = "desc", Buckets = 3, Pacing = 0.25, Seed = 7 }, spec);
        Assert.Equal(json, JsonSerializer.Serialize(spec, JsonDefaults.Options));
        Assert.Equal("""{"method":"shuffle"}""", JsonSerializer.Serialize(new OrderingSpec(), JsonDefaults.Options));
    }
}
