using Prebias.Core.Tokenization;

namespace Prebias.Core.Evaluation;

/// <summary>The token every scored or generated sequence starts with, as the training rows do.</summary>
public static class SequenceStart
{
    /// <summary>BOS, else EOS (GPT-2's &lt;|endoftext|&gt; separates documents), else 0 (as <c>AttentionProbe.Tokens</c>).</summary>
    public static int Of(ITextTokenizer tokenizer) => tokenizer.BosId ?? tokenizer.EosId ?? 0;
}
