using System.Text.Json.Serialization;
using Prebias.Core.Ordering;

namespace Prebias.Core.Branches;

/// <summary>
/// <c>finetune</c>: continue the run's weights on another dataset with the same tokenizer, as a new run: its steps
/// count from 0, its order is over <see cref="DatasetId"/>'s train samples, and its learning rate warms up and decays
/// (cosine) over <see cref="Steps"/> alone. The optimiser's moments are reset (a fresh AdamW) or kept.
/// </summary>
public sealed record FinetuneTransform : BranchTransform
{
    public const string KindName = "finetune";

    /// <summary>A fresh AdamW, as fine-tuning usually starts.</summary>
    public const string ResetOptimizer = "reset";

    /// <summary>The parent's AdamW moments carried over (hyperparameters from the fine-tune settings).</summary>
    public const string KeepOptimizer = "keep";

    public static readonly IReadOnlyList<string> OptimizerModes = [ResetOptimizer, KeepOptimizer];

    /// <summary>
    /// The order seed of the fine-tune data when <see cref="Ordering"/> names none: fixed, so every run fine-tuned
    /// with the same transform sees the same batches and only what it learnt before differs.
    /// </summary>
    public const long DefaultOrderSeed = 1;

    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>The fine-tune dataset; its tokenizer must be the run's.</summary>
    public Guid DatasetId { get; init; }

    /// <summary>Optimiser steps of the fine-tune (the branch's max_iters, counted from 0).</summary>
    public long Steps { get; init; }

    /// <summary>reset (default) or keep.</summary>
    public string? Optimizer { get; init; }

    /// <summary>Settings that differ from the parent's; unset ones are the parent's.</summary>
    public FinetuneTraining? Training { get; init; }

    /// <summary>The order of the fine-tune data (default: a shuffle with <see cref="DefaultOrderSeed"/>).</summary>
    public OrderingSpec? Ordering { get; init; }

    [JsonIgnore]
    public bool KeepsOptimizer => Optimizer == KeepOptimizer;

    /// <summary>The ordering the branch trains with, its seed fixed so that it does not follow the parent's.</summary>
    public OrderingSpec ResolvedOrdering() =>
        (Ordering ?? new OrderingSpec()) is var o && o.Seed is null ? o with { Seed = DefaultOrderSeed } : o;
}
