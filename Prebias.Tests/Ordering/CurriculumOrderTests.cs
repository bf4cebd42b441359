using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public class CurriculumOrderTests
{
    [Theory]
    // OpenBuckets = clamp(ceil(min(1, p / (pacing * T)) * K), 1, K) with T = 100, K = 4, pacing = 0.5
    [InlineData(0, 1)]
    [InlineData(12, 1)]   // 12/50*4 = 0.96
    [InlineData(13, 2)]   // 1.04
    [InlineData(25, 2)]   // 2.0
    [InlineData(26, 3)]
    [InlineData(38, 4)]   // 3.04
    [InlineData(99, 4)]
    public void OpenBuckets_FollowsLinearCompetence_WhenPacingHalf(long position, int expected) =>
        Assert.Equal(expected, CurriculumPacing.OpenBuckets(position, 100, 4, 0.5));

    [Fact]
    public void Compile_StartsWithEasiestBucket_WhenEightSamplesFourBuckets()
    {
        // value = id + 1; buckets {0,1} {2,3} {4,5} {6,7}; T = 8, pacing 0.5: open = 1, 1, 2, 3, 4, ... so positions 0-1 are
        // bucket 0 and position 2 must come from bucket 1 (bucket 0 is used up).
        var ids = Enumerable.Range(0, 8).ToArray();
        var spec = new OrderingSpec { Method = "curriculum", Metric = "sentiment", Buckets = 4, Pacing = 0.5 };
        var order = OrderingCompiler.Compile(spec, ids, ids.Select(i => i + 1.0).ToArray(), 5, 8);
        Assert.Equal([0, 1], order.SampleIds[..2].Order());
        Assert.Contains(order.SampleIds[2], new[] { 2, 3 });
        Assert.Equal(ids, order.SampleIds.Order());
    }

    [Theory]
    [InlineData(100, 4, 0.5, 250, "asc")]
    [InlineData(103, 5, 0.3, 103, "desc")]
    [InlineData(64, 3, 1.0, 64, "asc")]
    [InlineData(5, 8, 0.5, 12, "asc")] // more buckets than samples: some are empty
    public void Compile_DrawsOnlyFromOpenBucketsAndCoversEachEpoch_WhenRandomValues(int n, int buckets, double pacing, long needed, string order)
    {
        var random = new Random(n);
        var ids = Enumerable.Range(500, n).ToArray();
        var values = ids.Select(_ => Math.Round(random.NextDouble(), 2)).ToArray(); // rounding makes ties
        var spec = new OrderingSpec { Method = "curriculum", Metric = "sentiment", Buckets = buckets, Pacing = pacing, Order = order };
        var compiled = OrderingCompiler.Compile(spec, ids, values, 11, needed);

        var easyToHard = ids.Zip(values).OrderBy(p => order == "desc" ? -p.Second : p.Second).ThenBy(p => p.First).Select(p => p.First).ToList();
        var bucketOf = new Dictionary<int, int>(); // rank r is in bucket b when floor(b·n/K) <= r < floor((b+1)·n/K)
        for (var rank = 0; rank < n; rank++)
            bucketOf[easyToHard[rank]] = Enumerable.Range(0, buckets).Last(b => (long)b * n / buckets <= rank);
        for (var epoch = 0; epoch < compiled.Epochs; epoch++)
        {
            var used = new HashSet<int>();
            for (var i = 0; i < n; i++)
            {
                var position = epoch * n + i;
                var id = compiled.SampleIds[position];
                var open = CurriculumPacing.OpenBuckets(position, needed, buckets, pacing);
                // Either the sample's bucket is open, or every easier bucket is already used up this epoch.
                if (bucketOf[id] >= open)
                    Assert.True(bucketOf.Where(kv => kv.Value < bucketOf[id]).All(kv => used.Contains(kv.Key)), $"position {position}");
                Assert.True(used.Add(id), $"id {id} twice in epoch {epoch}");
            }
            Assert.Equal(n, used.Count);
        }
    }

    [Fact]
    public void Compile_FirstQuarterIsEasiestQuarter_WhenPacingHoldsFirstBucket()
    {
        // T = 200, K = 4, pacing 0.5: only bucket 0 is open for p <= 25, and bucket 0 is the 25 lowest values.
        var ids = Enumerable.Range(0, 100).ToArray();
        var values = ids.Select(i => (double)((i * 37) % 100)).ToArray();
        var spec = new OrderingSpec { Method = "curriculum", Metric = "sentiment" };
        var order = OrderingCompiler.Compile(spec, ids, values, 3, 200);
        var easiest = ids.Where(i => values[i] < 25).Order();
        Assert.Equal(easiest, order.SampleIds[..25].Order());
        Assert.Equal(2, order.Epochs);
        Assert.NotEqual(order.SampleIds[..100], order.SampleIds[100..]);
    }

    [Fact]
    public void Compile_IsDeterministic_WhenCalledTwice()
    {
        var ids = Enumerable.Range(0, 300).ToArray();
        var values = ids.Select(i => Math.Sin(i)).ToArray();
        var spec = new OrderingSpec { Method = "curriculum", Metric = "sentiment", Buckets = 6, Pacing = 0.8 };
        Assert.Equal(OrderingCompiler.Compile(spec, ids, values, 9, 700).Hash, OrderingCompiler.Compile(spec, ids, values, 9, 700).Hash);
        Assert.NotEqual(OrderingCompiler.Compile(spec, ids, values, 9, 700).Hash, OrderingCompiler.Compile(spec, ids, values, 10, 700).Hash);
    }
}
