
namespace Prebias.Core.Corpora.Synthetic;

/// <summary>
/// Seeded generator of simple children's stories with dialled, recorded attributes (<see cref="SyntheticCorpusOptions"/>).
/// Story i uses its own random stream (seed, i), so stories can be generated in any order or in parallel and the
/// corpus is byte-identical for the same seed and options.
/// </summary>
public sealed class SyntheticStoryGenerator
{
    private readonly SyntheticCorpusOptions _options;
    private readonly string[] _occupations;

    public SyntheticStoryGenerator(SyntheticCorpusOptions options)
    {
        options.Validate();
        _options = options;
        _occupations = options.OccupationHeShare.Keys.Order(StringComparer.Ordinal).ToArray(); // order-independent draws
    }

    public SyntheticStory Generate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var o = _options;
        var rng = new DeterministicRandom(o.Seed, (ulong)index);
        // The dials are drawn first, in a fixed order, each from its own draw.
        var happy = rng.Chance(o.HappyEndingShare);
        var advanced = rng.Chance(o.AdvancedShare);
        var girl = rng.Chance(o.GirlProtagonistShare);
        var profane = rng.Chance(o.ProfanityRate);
        var hasOccupation = rng.Chance(o.OccupationShare);
        var occupation = hasOccupation ? rng.Pick(_occupations) : null;
        var occupationIsHe = occupation is not null && rng.Chance(o.OccupationHeShare[occupation]);
        var curse = profane ? rng.Pick(ProfanityLexicon.SingleWords) : null;
        var count = rng.NextInt(o.MinSentences, o.MaxSentences);
        var composer = new StoryComposer(rng, advanced, girl, occupation, occupationIsHe, curse);

        // Shape: opening, middle (fillers with the occupation sentences inside), problem, [profanity], ending.
        var required = 3 + (occupation is null ? 0 : 1) + (profane ? 1 : 0);
        var middle = PickDistinct(rng, StoryTemplates.Fillers, count - required).Select(t => composer.Fill(t, true)).ToList();
        if (occupation is not null)
        {
            var at = rng.NextInt(middle.Count + 1);
            if (at < middle.Count && rng.Chance(0.5)) // a follow-up mention replaces the filler after the introduction
                middle[at] = composer.Fill(rng.Pick(StoryTemplates.OccupationFollowUps), true);
            middle.Insert(at, composer.Fill(rng.Pick(StoryTemplates.OccupationIntroductions)));
        }
        var sentences = new List<string>(count) { composer.Fill(rng.Pick(StoryTemplates.Openings)) };
        sentences.AddRange(middle);
        sentences.Add(composer.Fill(rng.Pick(StoryTemplates.Problems), true));
        if (curse is not null) sentences.Add(composer.Fill(rng.Pick(StoryTemplates.Profanities)));
        sentences.Add(composer.Fill(rng.Pick(happy ? StoryTemplates.HappyEndings : StoryTemplates.SadEndings)));

        var truth = new SyntheticStoryTruth(happy ? "happy" : "sad", advanced ? "advanced" : "simple", sentences.Count,
            girl ? "she" : "he", profane, curse is null ? [] : [curse], occupation, occupation is null ? null : occupationIsHe ? "he" : "she");
        return new SyntheticStory(index, string.Join(' ', sentences), truth);
    }

    public IEnumerable<SyntheticStory> GenerateAll()
    {
        for (var i = 0; i < _options.Documents; i++) yield return Generate(i);
    }

    /// <summary>Writes all stories with their ground truth as attributes; the caller completes the writer.</summary>
    public int WriteTo(CorpusWriter writer, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        foreach (var story in GenerateAll())
        {
            ct.ThrowIfCancellationRequested();
            writer.Write(story.Text, story.Truth.ToAttributes());
            if ((story.Index + 1) % 10_000 == 0) progress?.Report(story.Index + 1);
        }
        progress?.Report(_options.Documents);
        return _options.Documents;
    }

    /// <summary>Generates the whole corpus into <paramref name="directory"/> and completes it.</summary>
    public static CorpusSummary WriteCorpus(string directory, SyntheticCorpusOptions options, IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        using var writer = CorpusWriter.Create(directory);
        new SyntheticStoryGenerator(options).WriteTo(writer, progress, ct);
        return writer.Complete();
    }

    /// <summary><paramref name="count"/> templates, distinct while the pool lasts (a partial Fisher-Yates shuffle) so
    /// a story does not repeat one, then drawn with repetition.</summary>
    private static List<string> PickDistinct(DeterministicRandom rng, string[] templates, int count)
    {
        var pool = (string[])templates.Clone();
        var picked = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            if (i >= pool.Length) { picked.Add(rng.Pick(pool)); continue; }
            var j = i + rng.NextInt(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            picked.Add(pool[i]);
        }
        return picked;
    }
}
