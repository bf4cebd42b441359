namespace Prebias.Core.Evaluation;

/// <summary>
/// Loss over a set of validation samples or batches. <see cref="MeanLoss"/>: total NLL / <see cref="Tokens"/> (every
/// real target token weighs the same); <see cref="Perplexity"/> = exp(MeanLoss). <see cref="BatchMeanLoss"/>: the mean
/// of per-batch mean losses, as llama2.c train.py's estimate_loss reports (equal to MeanLoss when batches hold the same
/// number of real tokens).
/// </summary>
public sealed record ValidationLoss(int Batches, long Tokens, double MeanLoss, double BatchMeanLoss)
{
    public double Perplexity => Math.Exp(MeanLoss);
}
