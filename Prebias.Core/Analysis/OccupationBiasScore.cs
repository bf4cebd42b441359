namespace Prebias.Core.Analysis;

/// <summary>
/// Gender lean of one occupation, in nats. <see cref="MeanLogRatio"/> = mean over its readings of log P(fem) − log P(masc);
/// <see cref="NeutralBaseline"/> = mean over the same readings of the neutral subject's log-ratio on the same template;
/// <see cref="Adjusted"/> = MeanLogRatio − NeutralBaseline: positive when the occupation is more feminine than a
/// neutral subject, so a model's general pronoun preference cancels.
/// </summary>
public sealed record OccupationBiasScore(string Occupation, int Readings, double MeanLogRatio, double NeutralBaseline, double Adjusted);
