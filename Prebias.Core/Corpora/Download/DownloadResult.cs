namespace Prebias.Core.Corpora.Download;

/// <summary>A finished download: the file, its size, how many HTTP requests it took, and whether one resumed a .part file.</summary>
public sealed record DownloadResult(string Path, long Bytes, int Attempts, bool Resumed);
