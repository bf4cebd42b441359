namespace Prebias.Core.Analysis;

/// <summary>What an ordering's end-point difference from the baseline supports (see <see cref="OrderEffectAnalysis"/>).</summary>
public enum OrderEffectVerdict
{
    /// <summary>"effect": the Holm-adjusted p-value of the t-test is below α.</summary>
    Effect,

    /// <summary>"equivalent": no effect was found and TOST shows the difference lies within ±margin seed SDs.</summary>
    Equivalent,

    /// <summary>"inconclusive": neither an effect nor equivalence is shown; the data cannot tell.</summary>
    Inconclusive,

    /// <summary>"inconclusive: n &lt; 3": too few seeds in a group to test anything.</summary>
    TooFewSeeds,
}
