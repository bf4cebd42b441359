namespace Prebias.Core.Corpora.Download;

/// <summary>Bytes of the destination file so far (resumed bytes included) and the total when the server said it.</summary>
public sealed record DownloadProgress(long BytesDone, long? BytesTotal);
