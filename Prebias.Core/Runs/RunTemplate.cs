namespace Prebias.Core.Runs;

/// <summary>
/// What every request that trains runs shares: the dataset, the model and the training settings. A single run
/// (<see cref="RunSpec"/>) adds its ordering and seeds; a durability experiment adds orderings × seeds and makes one
/// <see cref="RunSpec"/> per combination from the same template.
/// </summary>
public abstract record RunTemplate
{
    public string? Name { get; init; }
    public Guid DatasetId { get; init; }

    /// <summary>
    /// A llama2.c preset plus any field overridden (default: stories260k at the dataset's context length).
    /// </summary>
    public ModelSpec? Model { get; init; }

    /// <summary>Unset fields take the CPU preset (<see cref="Training.TrainingPresets.Cpu"/>).</summary>
    public TrainingSpec? Training { get; init; }
}
