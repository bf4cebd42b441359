namespace Prebias.Core.Corpora.Sandbox;

/// <summary>Which server paths a <c>file</c> source may name (<c>Prebias:Import</c>).</summary>
public sealed record ImportSandboxOptions
{
    public const string Section = "Prebias:Import";

    /// <summary>Folders whose files may be imported by path; empty means <c>imports</c> next to the artifact folder
    /// (<c>.data/imports</c> under <c>./run.sh</c>). A path must resolve inside one of them after following symlinks.</summary>
    public string[] Roots { get; init; } = [];

    /// <summary>Largest file (server path, upload or download) an import reads; a larger one fails the import.</summary>
    public long MaxBytes { get; init; } = 8L << 30;
}
