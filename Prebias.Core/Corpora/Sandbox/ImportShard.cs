namespace Prebias.Core.Corpora.Sandbox;

/// <summary>One file of a folder or glob import: <paramref name="Name"/> is what the corpus records (the file name
/// inside the folder), <paramref name="Path"/> the real path the sandbox resolved.</summary>
public sealed record ImportShard(string Name, string Path);
