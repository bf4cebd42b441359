namespace Prebias.Core.Torch;

/// <summary>How this process uses TorchSharp.</summary>
public sealed record TorchOptions
{
    public const string Section = "Prebias:Torch";

    /// <summary><c>auto</c> (CUDA when available, else CPU), <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Intra-op threads for torch; 0 means one per core.</summary>
    public int Threads { get; init; }
}
