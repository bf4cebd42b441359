using System.Text.Json;
using Prebias.Core.Tokenization;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Bench;

/// <summary>
/// Training batches for the short warm-up training of <c>bench generate</c>: every story is encoded as BOS + tokens
/// and all are concatenated into one stream (llama2.c tinystories.py pretokenize), and each batch takes random
/// windows of seq+1 tokens from it (llama2.c PretokDataset takes consecutive chunks of shuffled shards; random offsets
/// are the same in distribution for this small file). Windows depend only on (seed, iteration, micro-step).
/// </summary>
internal sealed class StoryWindowBatches(int[] stream, int batch, int seq, long seed) : IBatchProvider
{
    /// <summary>Tokens in the concatenated stream.</summary>
    public int Length => stream.Length;

    /// <summary>BOS + encoding of each story in a JSONL file with a "story" (or "text") string per line.</summary>
    public static int[] EncodeStories(string jsonlPath, ITextTokenizer tokenizer)
    {
        var bos = tokenizer.BosId ?? throw new ArgumentException("the tokenizer has no BOS id");
        var tokens = new List<int>();
        foreach (var text in ReadStories(jsonlPath))
        {
            tokens.Add(bos);
            tokens.AddRange(tokenizer.Encode(text.Trim()));
        }
        return tokens.ToArray();
    }

    /// <summary>The story texts of a JSONL file.</summary>
    public static IEnumerable<string> ReadStories(string jsonlPath)
    {
        foreach (var line in File.ReadLines(jsonlPath))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("story", out var story) || root.TryGetProperty("text", out story))
                yield return story.GetString() ?? "";
        }
    }

    public TokenBatch GetTrainBatch(long iteration, int microStep) => Windows(seed * 1_000_003 + iteration * 64 + microStep);

    public TokenBatch GetEvalBatch(EvalSplit split, int index) => Windows(-(seed * 1_000_003 + (long)split * 10_000 + index) - 1);

    private TokenBatch Windows(long windowSeed)
    {
        if (stream.Length < seq + 2) throw new InvalidOperationException($"{stream.Length} tokens cannot fill a window of {seq + 1}");
        var random = new Random((int)(windowSeed % int.MaxValue));
        var inputs = new long[batch * seq];
        var targets = new long[batch * seq];
        for (var row = 0; row < batch; row++)
        {
            var start = random.Next(stream.Length - seq - 1);
            for (var t = 0; t < seq; t++)
            {
                inputs[row * seq + t] = stream[start + t];
                targets[row * seq + t] = stream[start + t + 1]; // next-token targets
            }
        }
        // (B, T) each
        return new TokenBatch(tensor(inputs, [batch, seq]), tensor(targets, [batch, seq]));
    }
}
