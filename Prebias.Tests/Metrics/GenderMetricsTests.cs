using Prebias.Core.Metrics;
using Prebias.Core.Metrics.Lexicons;
using static Prebias.Tests.Metrics.MetricTestText;

namespace Prebias.Tests.Metrics;

public class GenderMetricsTests
{
    // Words: He and his dad met a girl She waved = 9. Male: he, his, dad = 3. Female: girl, she = 2.
    private const string Text = "He and his dad met a girl. She waved.";

    [Fact]
    public void GenderedWordRates_ArePer100Words_WhenHandCounted()
    {
        Assert.Equal(100.0 * 3 / 9, Metric(Text, "male_word_rate"), 10);   // 33.33
        Assert.Equal(100.0 * 2 / 9, Metric(Text, "female_word_rate"), 10); // 22.22
        Assert.Equal(3.0 / 5, Metric(Text, "gender_ratio"), 10);           // 3 / (3 + 2)
    }

    [Fact]
    public void GenderRatio_IsNaN_WhenNoGenderedWords()
    {
        Assert.True(double.IsNaN(Metric("The cat sat on the mat.", "gender_ratio")));
    }

    // S1: doctor + he → male. S2: nurse + her → female. S3: doctors, nurse, no pronoun. S4: teacher, farmer, she, he → both.
    private const string Occupations =
        "The doctor said he would help. The nurse smiled at her. The doctors and the nurse talked. She was a teacher and he was a farmer.";

    [Fact]
    public void OccupationCooccurrence_CountsSentences_WhenOccupationAndPronoun()
    {
        Assert.Equal(2, Metric(Occupations, "occupation_male_cooccurrence"));   // S1, S4
        Assert.Equal(2, Metric(Occupations, "occupation_female_cooccurrence")); // S2, S4
        Assert.Equal(4, Metric(Occupations, "occupation_sentence_count"));      // S1–S4
    }

    [Fact]
    public void Analyze_AccumulatesPerOccupationCounts_WhenSpansGiven()
    {
        var count = OccupationLexicon.Occupations.Count;
        var (male, female) = (new int[count], new int[count]);
        var analyzer = new TextAnalyzer(new SentenceBleu("x"));
        analyzer.Analyze(Occupations, null, male, female);
        analyzer.Analyze("The doctor was tired, so he slept.", null, male, female);
        int Index(string name) => OccupationLexicon.Occupations.ToList().IndexOf(name);
        Assert.Equal((2, 0), (male[Index("doctor")], female[Index("doctor")]));
        Assert.Equal((0, 1), (male[Index("nurse")], female[Index("nurse")]));
        Assert.Equal((1, 1), (male[Index("teacher")], female[Index("teacher")]));
        Assert.Equal((1, 1), (male[Index("farmer")], female[Index("farmer")]));
        Assert.Equal(7, male.Sum() + female.Sum()); // doctor 2 + nurse 1 + teacher 2 + farmer 2: nothing else counted
    }

    [Fact]
    public void OccupationLexicon_MatchesMultiWordAndPlural_WhenPoliceOfficers()
    {
        Assert.True(OccupationLexicon.Lexicon.TryMatch("police officers", out var index));
        Assert.Equal("police officer", OccupationLexicon.Occupations[index]);
        Assert.True(OccupationLexicon.Lexicon.TryMatch("secretaries", out index));
        Assert.Equal("secretary", OccupationLexicon.Occupations[index]);
    }
}
