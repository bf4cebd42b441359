namespace Prebias.Core.Common;

/// <summary>Well-known file names inside the artifact store.</summary>
public static class PrebiasPaths
{
    public const string Corpora = "corpora";
    public const string Tokenizers = "tokenizers";
    public const string Datasets = "datasets";
    public const string Runs = "runs";
}
