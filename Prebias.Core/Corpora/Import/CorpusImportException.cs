namespace Prebias.Core.Corpora.Import;

/// <summary>
/// A corpus import failed. <see cref="Exception.Message"/> is meant for users (it becomes the failed job's message);
/// <see cref="Reason"/> and <see cref="Location"/> let callers map it (e.g. to a 400 when known before a job starts).
/// </summary>
public sealed class CorpusImportException : Exception
{
    public CorpusImportException(BadDocumentReason reason, string location, string message, Exception? inner = null)
        : base(string.IsNullOrEmpty(location) ? message : $"{location}: {message}", inner)
    {
        Reason = reason;
        Location = location;
    }

    public BadDocumentReason Reason { get; }

    public string Location { get; }
}
