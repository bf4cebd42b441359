namespace Prebias.Core.Storage;

/// <summary>Where artifacts (corpora, tokenizers, token stores, checkpoints) live.</summary>
public sealed record ArtifactStoreOptions
{
    public const string Section = "Prebias:Artifacts";

    /// <summary>Root folder; every API and worker process must see the same one (a shared volume when scaled out).</summary>
    public string Path { get; init; } = ".data/artifacts";
}
