using Prebias.Core.Tokenization;

namespace Prebias.Core.Datasets;

/// <summary>
/// The token ids of one sample: the start token (BOS), the text's tokens, then the end token (EOS), so that the last
/// target of every story that fits is "the story ends here" and a trained model learns to stop. This differs from
/// llama2.c, which packs stories into one stream with BOS between them: there the model learns the end from the next
/// story's BOS; here every sample is one story, so the end has to be a target of its own. A story longer than the row
/// is cut before its EOS: a truncated sample never teaches an end that was not there.
/// </summary>
public static class SampleTokens
{
    /// <summary>BOS, else EOS (GPT-2's &lt;|endoftext|&gt; both starts and separates documents).</summary>
    public static int StartId(ITextTokenizer tokenizer) =>
        tokenizer.BosId ?? tokenizer.EosId
        ?? throw new InvalidOperationException("The tokenizer has no BOS or EOS id; set PretokenizeOptions.StartTokenId.");

    /// <summary><paramref name="startId"/>, the ids of <paramref name="text"/>, then <paramref name="endId"/> when it is not null.</summary>
    public static int[] Compose(ITextTokenizer tokenizer, string text, int startId, int? endId)
    {
        var ids = tokenizer.Encode(text);
        var row = new int[ids.Count + 1 + (endId is null ? 0 : 1)];
        row[0] = startId;
        for (var t = 0; t < ids.Count; t++) row[t + 1] = ids[t];
        if (endId is { } end) row[^1] = end;
        return row;
    }

    /// <summary>Text tokens in a sample of <paramref name="tokenCount"/> ids made by <see cref="Compose"/> (BOS and EOS taken off).</summary>
    public static int TextTokenCount(int tokenCount, ITextTokenizer tokenizer) =>
        Math.Max(0, tokenCount - 1 - (tokenizer.EosId is null ? 0 : 1));
}
