using System.Globalization;

namespace Prebias.Bench;

/// <summary>
/// Options of <c>bench generate</c>. The model comes from <see cref="Checkpoint"/> or, without one, from
/// <see cref="Preset"/> with seeded random weights (optionally trained for <see cref="TrainSteps"/> on <see cref="Data"/>).
/// </summary>
internal sealed record GenerateBenchmarkOptions
{
    /// <summary>Checkpoint directory (with manifest.json) or a directory of checkpoints (the latest is used). Default none.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Model preset when no checkpoint is given. Default stories260k.</summary>
    public string Preset { get; init; } = "stories260k";

    /// <summary>Seed of the random initialisation and of the training windows. Default 1337 (train.py's seed).</summary>
    public long Seed { get; init; } = 1337;

    /// <summary>Prompts generated together in one batch. Default 8.</summary>
    public int Prompts { get; init; } = 8;

    /// <summary>New tokens per prompt. Default 200 (eval.py, run.c's examples).</summary>
    public int Tokens { get; init; } = 200;

    /// <summary>Torch intra-op threads, and OMP_NUM_THREADS of run.c. Default 2.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Timed repetitions of the batched generation (the median is reported). Default 3.</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>SentencePiece .model: prompts become story openings and text is decoded. Default none (BOS-only prompts).</summary>
    public string? Tokenizer { get; init; }

    /// <summary>Train a SentencePiece vocabulary of this many pieces on <see cref="Data"/> (replaces --tokenizer). Default none.</summary>
    public int? TrainVocab { get; init; }

    /// <summary>TinyStories-style JSONL (<c>{"story": ...}</c> per line) for --train-vocab and --train-steps. Default none.</summary>
    public string? Data { get; init; }

    /// <summary>Optimiser steps on <see cref="Data"/> before generating; 0 keeps the weights as loaded. Default 0.</summary>
    public int TrainSteps { get; init; }

    /// <summary>Sequences per training step. Default 16.</summary>
    public int TrainBatch { get; init; } = 16;

    /// <summary>Tokens per training sequence. Default 256.</summary>
    public int TrainSeq { get; init; } = 256;

    /// <summary>Peak learning rate of the short training run (higher than train.py's 5e-4: few steps, small batch). Default 3e-3.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Directory for tokenizer.model, checkpoint/, model.bin and tokenizer.bin. Default a new temp directory.</summary>
    public string? Out { get; init; }

    /// <summary>llama2.c <c>run</c> binary to compare against (greedy tokens and tok/s). Default none.</summary>
    public string? CompareRunc { get; init; }

    /// <summary>Use BOS-only prompts even when a tokenizer is available. Default false.</summary>
    public bool BosOnly { get; init; }

    public static GenerateBenchmarkOptions Parse(string[] args)
    {
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "--checkpoint", "--preset", "--seed", "--prompts", "--tokens", "--threads", "--repeats", "--tokenizer",
            "--train-vocab", "--data", "--train-steps", "--train-batch", "--train-seq", "--lr", "--out", "--compare-runc",
        };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var bosOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--bos-only") { bosOnly = true; continue; }
            if (!known.Contains(args[i])) throw new ArgumentException($"unknown option '{args[i]}'");
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
            values[args[i]] = args[++i];
        }
        string? Text(string name) => values.GetValueOrDefault(name);
        int Int(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var options = new GenerateBenchmarkOptions
        {
            Checkpoint = Text("--checkpoint"),
            Preset = Text("--preset") ?? "stories260k",
            Seed = Text("--seed") is { } seed ? long.Parse(seed, CultureInfo.InvariantCulture) : 1337,
            Prompts = Int("--prompts", 8),
            Tokens = Int("--tokens", 200),
            Threads = Int("--threads", 2),
            Repeats = Int("--repeats", 3),
            Tokenizer = Text("--tokenizer"),
            TrainVocab = Text("--train-vocab") is { } vocab ? int.Parse(vocab, CultureInfo.InvariantCulture) : null,
            Data = Text("--data"),
            TrainSteps = Int("--train-steps", 0),
            TrainBatch = Int("--train-batch", 16),
            TrainSeq = Int("--train-seq", 256),
            LearningRate = Text("--lr") is { } lr ? double.Parse(lr, CultureInfo.InvariantCulture) : 3e-3,
            Out = Text("--out"),
            CompareRunc = Text("--compare-runc"),
            BosOnly = bosOnly,
        };
        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (Prompts < 1 || Tokens < 1 || Threads < 1 || Repeats < 1) throw new ArgumentException("--prompts, --tokens, --threads and --repeats must be positive");
        if ((TrainVocab is not null || TrainSteps > 0) && Data is null) throw new ArgumentException("--train-vocab and --train-steps need --data <jsonl>");
        if (TrainVocab is not null && Tokenizer is not null) throw new ArgumentException("give either --tokenizer or --train-vocab");
        if (TrainSteps > 0 && Tokenizer is null && TrainVocab is null) throw new ArgumentException("--train-steps needs --tokenizer or --train-vocab");
    }
}
