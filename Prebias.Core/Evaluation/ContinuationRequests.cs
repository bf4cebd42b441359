using Prebias.Core.Tokenization;

namespace Prebias.Core.Evaluation;

/// <summary>
/// log P(continuation | context) = log P(context + continuation) − log P(context), each text under its own
/// tokenization, as requests for <see cref="SequenceLogLikelihood"/>. Let k be the length of the common token prefix
/// of BOS+context and BOS+context+continuation: the value is the full sequence scored from k minus the context scored
/// from k. When the tokenizer keeps the context's tokens intact (SentencePiece and GPT-2 attach the space to the
/// following word: ",", "▁she"), k is the context length and the value is simply the sum of the continuation tokens'
/// log-probabilities, however many tokens the continuation takes.
/// </summary>
public sealed record ContinuationRequests(int Full, int? ContextCorrection)
{
    /// <summary>Appends the requests for one continuation to <paramref name="requests"/> and returns their indices.</summary>
    public static ContinuationRequests Add(List<LogLikelihoodRequest> requests, ITextTokenizer tokenizer, int start, string context, string continuation)
    {
        int[] contextTokens = [start, .. tokenizer.Encode(context)];
        int[] fullTokens = [start, .. tokenizer.Encode(context + continuation)];
        var shared = 0;
        while (shared < contextTokens.Length && shared < fullTokens.Length && contextTokens[shared] == fullTokens[shared]) shared++;
        requests.Add(new LogLikelihoodRequest(fullTokens, shared));
        var full = requests.Count - 1;
        if (shared == contextTokens.Length) return new ContinuationRequests(full, null);
        requests.Add(new LogLikelihoodRequest(contextTokens, shared));
        return new ContinuationRequests(full, requests.Count - 1);
    }

    /// <summary>The conditional log-probability from the scored requests.</summary>
    public double LogProb(double[] scores) => scores[Full] - (ContextCorrection is { } c ? scores[c] : 0);
}
