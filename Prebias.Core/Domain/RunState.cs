namespace Prebias.Core.Domain;

/// <summary>
/// States of a training run and of an experiment, stored as their names (the <c>state</c> text column) and answered
/// as those names by the API.
/// </summary>
public enum RunState
{
    /// <summary>Created; its job has not started (it may wait for the dataset's).</summary>
    Pending,
    Running,
    Succeeded,
    Failed,

    /// <summary>Its job was cancelled (DELETE) before it finished.</summary>
    Cancelled,
}
