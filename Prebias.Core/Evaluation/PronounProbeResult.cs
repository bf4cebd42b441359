using Prebias.Core.Analysis;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Result of one <see cref="PronounProbe"/> (nats). <see cref="Readings"/>: every (subject, template) reading, occupations
/// and neutral subjects. <see cref="Scores"/>: per occupation, its mean log-ratio, the template-matched neutral baseline
/// and the adjusted score (<see cref="BiasProbeArithmetic.ScoreOccupations"/>). <see cref="MeanAdjusted"/>: mean of the
/// adjusted scores over occupations (&gt; 0: occupations lean feminine relative to neutral subjects).
/// <see cref="StereotypeLean"/>: mean over occupations with a known stereotype of Adjusted × (+1 for "she", −1 for "he"):
/// &gt; 0 means the model leans the stereotyped way; NaN when no occupation has a stereotype.
/// </summary>
public sealed record PronounProbeResult(
    string Name,
    IReadOnlyList<PronounLogProbs> Readings,
    IReadOnlyList<OccupationBiasScore> Scores,
    double MeanAdjusted,
    double StereotypeLean);
