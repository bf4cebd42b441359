using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Metrics;
using Prebias.Core.Ordering;
using Prebias.Tests.Corpora;

namespace Prebias.Tests.SampleMetrics;

/// <summary>Document attributes as metrics: naming, parsing, and orderings over an attribute imported from Parquet.</summary>
public class AttributeMetricTests
{
    [Fact]
    public void Registry_AcceptsWellFormedAttributeNames_AndRefusesOthers()
    {
        Assert.True(MetricRegistry.TryGet("attr.bad_ending", out var d));
        Assert.Equal(MetricKind.Attribute, d.Kind);
        Assert.True(MetricRegistry.TryGet("ATTR.Bad_Ending", out var upper));
        Assert.Equal("attr.bad_ending", upper.Name);
        Assert.False(MetricRegistry.TryGet("attr.bad ending", out _));
        Assert.False(MetricRegistry.TryGet("attr.x\"; DROP TABLE samples; --", out _));
        Assert.False(MetricRegistry.TryGet("attr.", out _));
        Assert.Throws<UnknownMetricException>(() => MetricRegistry.Resolve(["attr.bad_ending"], MetricKind.Text));
        Assert.Empty(new OrderingSpec { Method = OrderingMethods.SortDesc, Metric = "attr.bad_ending" }.Problems());
    }

    [Theory]
    [InlineData("true", 1.0)]
    [InlineData("False", 0.0)]
    [InlineData("2.5", 2.5)]
    [InlineData("-3", -3.0)]
    [InlineData("happy", null)]
    [InlineData("NaN", null)]
    public void ValueOf_ReadsBooleansAndNumbers(string text, double? expected) =>
        Assert.Equal(expected, AttributeMetric.ValueOf(text));

    [Fact]
    public void SortDesc_ByAnImportedBooleanAttribute_PutsAllTrueSamplesFirst()
    {
        using var temp = new TempDirectory();
        var endings = new[] { false, true, false, true, true, false, false, true, false, true };
        CompressedAndParquetImportTests.WriteParquet(temp.File("stories.parquet"),
            [[.. endings.Select((_, i) => $"Story {i}.")]], [endings], [[.. endings.Select(_ => 1.0)]]);
        CorpusFileImporter.ImportToDirectory(temp.File("stories.parquet"), temp.File("corpus"));
        using var reader = CorpusReader.Open(temp.File("corpus"));
        // Sample id = document index + 100, as a dataset's ids are not the corpus positions.
        var ids = Enumerable.Range(0, reader.Count).Select(i => i + 100).ToArray();
        var values = ids.Select(id => AttributeMetric.ValueOf(reader.Get(id - 100).Attributes!["bad_ending"]) ?? double.NaN)
            .ToArray();

        var spec = new OrderingSpec { Method = OrderingMethods.SortDesc, Metric = "attr.bad_ending" };
        var order = OrderingCompiler.Compile(spec, ids, values, seed: 1, samplesNeeded: ids.Length);

        var trueCount = endings.Count(e => e);
        var first = order.SampleIds.Take(trueCount).Select(id => endings[id - 100]);
        var rest = order.SampleIds.Skip(trueCount).Take(ids.Length - trueCount).Select(id => endings[id - 100]);
        Assert.All(first, Assert.True);
        Assert.All(rest, Assert.False);
    }
}
