namespace Prebias.Core.Domain;

/// <summary>
/// Lifecycle of anything a job produces (corpus, tokenizer, dataset): a row exists from the request on; Ready once
/// its job succeeded. Stored as its name (the <c>state</c> text column) and answered as that name by the API.
/// </summary>
public enum ResourceState
{
    Pending,
    Ready,
    Failed,

    /// <summary>Its job was cancelled (DELETE) before it finished.</summary>
    Cancelled,
}
