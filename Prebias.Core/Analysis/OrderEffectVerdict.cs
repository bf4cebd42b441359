namespace Prebias.Core.Analysis;

/// <summary>How an ordering's effect compares with seed-to-seed noise (see <see cref="OrderEffectAnalysis"/>).</summary>
public enum OrderEffectVerdict
{
    /// <summary>"order effect smaller than seed noise": ratio &lt; 1 and the CI of the difference includes 0 (or is
    /// undefined).</summary>
    SmallerThanSeedNoise,

    /// <summary>"order effect exceeds seed noise": any other case with a defined ratio.</summary>
    ExceedsSeedNoise,

    /// <summary>The ratio cannot be computed: fewer than three seeds in total, so no within-group spread.</summary>
    Undetermined,
}
