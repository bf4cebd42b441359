using System.Diagnostics;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using Prebias.Core.Training;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Greedy continuation of one prompt under a checkpoint, for interactive use (the dashboard's prompt box): the
/// batch-1 <see cref="SingleSequenceDecoder"/>, which at batch 1 is an order of magnitude faster than TorchSharp's
/// batched generator. Feeds BOS + the prompt's encoding, as evaluation and run.c do, and stops before BOS or EOS.
/// </summary>
public static class PromptGenerator
{
    public static PromptContinuation Generate(string checkpointDirectory, ITextTokenizer tokenizer, string prompt,
        int maxNewTokens, int threads, CancellationToken ct)
    {
        using var model = CheckpointModels.Load(checkpointDirectory);
        var decoder = new SingleSequenceDecoder(model, threads);
        var bos = tokenizer.BosId ?? 1; // llama2.c's BOS when the vocabulary names none
        int[] ids = [bos, .. tokenizer.Encode(prompt)];
        if (ids.Length >= model.Args.MaxSeqLen)
            throw new ArgumentException($"the prompt encodes to {ids.Length} tokens; the model's context is {model.Args.MaxSeqLen}", nameof(prompt));
        int[] stopIds = tokenizer.EosId is { } eos ? [bos, eos] : [bos];
        var watch = Stopwatch.StartNew();
        var generated = decoder.Generate(ids, maxNewTokens, stopIds, ct);
        var seconds = watch.Elapsed.TotalSeconds;
        return new PromptContinuation(prompt, tokenizer.Decode(generated), generated,
            generated.Length == 0 ? 0 : (ids.Length - 1 + generated.Length) / Math.Max(seconds, 1e-9));
    }
}
