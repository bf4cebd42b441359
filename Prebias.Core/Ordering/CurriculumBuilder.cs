namespace Prebias.Core.Ordering;

/// <summary>
/// Writes curriculum epochs. Buckets are rank quantiles of the easy-to-hard order: bucket b holds ranks
/// [floor(b·n/K), floor((b+1)·n/K)) (equal values may straddle a boundary; ties go by sample id). Each epoch:
/// <list type="number">
/// <item>shuffle every bucket with its own seeded stream (epoch, bucket);</item>
/// <item>for each position p, the open buckets are the first <see cref="CurriculumPacing.OpenBuckets"/>; if all open buckets
/// are used up for this epoch, the next bucket opens early (so every sample appears exactly once per epoch);</item>
/// <item>draw uniformly among the samples still unused in the open buckets (pick a bucket with probability proportional
/// to its unused count, take its next shuffled sample), with the (epoch, draws) stream.</item>
/// </list>
/// Unlike Platanios et al., who sample with replacement from the open prefix, this draws without replacement per epoch.
/// </summary>
internal static class CurriculumBuilder
{
    public static void Fill(int[] easyToHard, int buckets, double pacing, long totalPositions, ulong seed, int[] output, int epochs)
    {
        var n = easyToHard.Length;
        var starts = new int[buckets + 1];
        for (var b = 0; b <= buckets; b++) starts[b] = (int)((long)b * n / buckets);
        var work = new int[n];
        var next = new int[buckets];
        var unused = new int[buckets];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            easyToHard.CopyTo(work, 0);
            for (var b = 0; b < buckets; b++)
            {
                Shuffler.Shuffle(work.AsSpan(starts[b], starts[b + 1] - starts[b]), Shuffler.Stream(seed, epoch, b + 1));
                (next[b], unused[b]) = (starts[b], starts[b + 1] - starts[b]);
            }
            var draws = Shuffler.Stream(seed, epoch);
            int open = 0, openUnused = 0;
            for (var i = 0; i < n; i++)
            {
                var position = (long)epoch * n + i;
                var wanted = CurriculumPacing.OpenBuckets(position, totalPositions, buckets, pacing);
                while (open < buckets && (open < wanted || openUnused == 0)) openUnused += unused[open++];
                var r = draws.NextInt(openUnused);
                var bucket = 0;
                while (r >= unused[bucket]) r -= unused[bucket++];
                output[position] = work[next[bucket]++];
                unused[bucket]--;
                openUnused--;
            }
        }
    }
}
