namespace Prebias.Core.Analysis;

/// <summary>
/// One probe reading: the model's next-token log-probabilities of a feminine and a masculine continuation (" she" /
/// " he", or " her" / " his") after <paramref name="Template"/> filled with <paramref name="Subject"/> (an occupation, or
/// a neutral subject such as "child" for the baseline), e.g. "Once upon a time, there was a doctor. One day,".
/// </summary>
public sealed record PronounLogProbs(string Subject, string Template, double LogProbFeminine, double LogProbMasculine)
{
    /// <summary>log P(feminine) − log P(masculine): &gt; 0 leans feminine, &lt; 0 masculine, in nats.</summary>
    public double LogRatio => LogProbFeminine - LogProbMasculine;
}
