namespace Prebias.Core.Evaluation;

/// <summary>
/// A sample's mean next-token negative log-likelihood (nats) over its <see cref="Tokens"/> real targets, and
/// <see cref="Perplexity"/> = exp(MeanNll). A sample with fewer than two tokens has no target: NaN.
/// </summary>
public sealed record SampleLoss(double MeanNll, int Tokens)
{
    public double Perplexity => Math.Exp(MeanNll);
}
