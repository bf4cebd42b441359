using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Training;

namespace Prebias.Core.Domain;

/// <summary>
/// A training run: model and training configuration, ordering rule and seed on a dataset. Everything needed to
/// reproduce it is stored resolved (defaults filled in) with the hashes of its inputs and the library versions.
/// </summary>
public sealed class RunRecord
{
    public Guid Id { get; set; }
    public string? Name { get; set; }
    public Guid DatasetId { get; set; }
    public long Seed { get; set; }

    /// <summary>Resolved llama2.c <c>ModelArgs</c> (a jsonb column).</summary>
    public required ModelArgs Model { get; set; }

    /// <summary>Resolved training options and checkpoint schedule (a jsonb column).</summary>
    public required ResolvedTraining Training { get; set; }

    /// <summary>The ordering rule (a jsonb column).</summary>
    public required OrderingSpec Ordering { get; set; }

    /// <summary>The three columns together: everything needed to train the run again.</summary>
    public RunConfig Config => new(Model, Training, Ordering);

    /// <summary>Pending, Running, Succeeded, Failed or Cancelled.</summary>
    public RunState State { get; set; } = RunState.Pending;
    public string? JobId { get; set; }
    public string? Error { get; set; }

    public string? OrderSha256 { get; set; }
    public int? OrderLength { get; set; }
    public string? DatasetSha256 { get; set; }
    public string? TokenizerSha256 { get; set; }

    /// <summary>TorchSharp, libtorch, .NET versions (JSON).</summary>
    public string? Versions { get; set; }
    public long StepsDone { get; set; }
    public double? TokensPerSecond { get; set; }

    /// <summary>Evaluate each checkpoint as soon as it is written.</summary>
    public bool EvaluateCheckpoints { get; set; }

    /// <summary>A branch (intervention) continues this run from <see cref="BranchFromStep"/> with changed data.</summary>
    public Guid? ParentRunId { get; set; }
    public long? BranchFromStep { get; set; }
    public string? BranchTransform { get; set; }

    public Guid? ExperimentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public string ArtifactKey => $"runs/{Id:N}";
    public string OrderKey => $"{ArtifactKey}/order.bin";
    public string CheckpointKey(long step) => $"{ArtifactKey}/ckpt-{step:D7}";
}
