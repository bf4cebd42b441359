namespace Prebias.Core.Validation;

/// <summary>
/// The documented ranges of request fields (README, "Bad input"). Every limit is far above what the presets and the
/// demo use and low enough that one request cannot exhaust memory, disk or threads, or overflow a product.
/// </summary>
public static class RequestLimits
{
    /// <summary>Names of corpora, tokenizers, runs and experiments.</summary>
    public const int NameChars = 200;

    /// <summary>Short strings: text fields, separators, devices, transform kinds.</summary>
    public const int ShortTextChars = 100;

    /// <summary>Server paths and urls.</summary>
    public const int PathChars = 4096;

    /// <summary>Text sent to encode (a long story is a few thousand characters).</summary>
    public const int EncodeTextChars = 100_000;

    /// <summary>Ids sent to decode.</summary>
    public const int DecodeIds = 100_000;

    /// <summary>Metric names or checkpoint steps listed in one request.</summary>
    public const int ListItems = 1000;

    // Model (llama2.c ModelArgs). stories110m: dim 768, 12 layers, 12 heads; Llama 2 7B: dim 4096, 32 layers.
    public const int MaxDim = 8192;
    public const int MaxLayers = 128;
    public const int MaxHeads = 256;
    public const int MaxVocabSize = 262_144;
    public const int MaxHiddenDim = 65_536;
    public const int MaxMultipleOf = 4096;
    public const int MaxSeqLen = 65_536;

    /// <summary>Estimated parameters (fp32 weights plus AdamW state are 16 bytes each: 1e9 is 16 GB).</summary>
    public const long MaxParameters = 1_000_000_000;

    // Training (llama2.c train.py globals).
    public const int MaxBatchSize = 4096;
    public const int MaxGradientAccumulationSteps = 1024;
    public const long MaxIters = 10_000_000;
    public const int MaxEvalIters = 10_000;
    public const double MaxLearningRate = 10;
    public const double MaxWeightDecay = 10;
    public const double MaxGradClip = 1e6;

    /// <summary>Torch threads of one run (0: the worker's setting).</summary>
    public const int MaxThreads = 256;

    /// <summary>Order positions, (maxIters + 1) × batchSize × gradientAccumulationSteps: int32 each, 400 MB at most.</summary>
    public const long MaxOrderPositions = 100_000_000;

    /// <summary>Tokens of one micro-batch, batchSize × maxSeqLen (activations scale with it).</summary>
    public const long MaxMicroBatchTokens = 4_194_304;

    // Ordering.
    public const int MaxBuckets = 1000;
    /// <summary>Dynamic ordering: steps between refreshes, samples scored per refresh, and α, β, τ.</summary>
    public const int MaxRefreshInterval = 1_000_000, MaxPoolSize = 65_536;
    public const double MaxSamplingExponent = 1000;

    // Experiments.
    public const int MaxOrderings = 16;
    public const int MaxSeeds = 32;

    /// <summary>Runs of one experiment, (orderings + 1) × seeds.</summary>
    public const int MaxExperimentRuns = 128;

    /// <summary>Largest TOST equivalence margin, in seed SDs: beyond 10 SDs "equivalent" would say nothing.</summary>
    public const double MaxEquivalenceMargin = 10;

    // Corpora.
    public const int MaxDocuments = 10_000_000;
    public const int MaxDocumentChars = 10_000_000;
    public const int MaxSentences = 200;
    public const int MaxOccupations = 100;
    public const int MaxShardLimit = 50;

    // Datasets.
    public const int MinDatasetSeqLen = 8;

    // Reads.
    public const int MaxPageSize = 1000;
    public const int DefaultPageSize = 100;
}
