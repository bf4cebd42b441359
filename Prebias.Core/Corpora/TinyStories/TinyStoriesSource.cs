using Prebias.Core.Corpora.Download;

namespace Prebias.Core.Corpora.TinyStories;

/// <summary>
/// The whole TinyStories source for a corpus job: download (resumable, kept at <c>archivePath</c> so a retried job
/// does not download again) then unpack into a completed corpus directory.
/// </summary>
public sealed class TinyStoriesSource(HttpClient http, ResumableDownloadOptions? downloadOptions = null)
{
    public async Task<TinyStoriesUnpackReport> ImportAsync(string archivePath, string corpusDirectory,
        TinyStoriesOptions? options = null, IProgress<DownloadProgress>? downloadProgress = null,
        IProgress<TinyStoriesProgress>? unpackProgress = null, CancellationToken ct = default)
    {
        options ??= new TinyStoriesOptions();
        if (!File.Exists(archivePath))
            await new ResumableDownloader(http, downloadOptions).DownloadAsync(options.Url, archivePath, downloadProgress, ct);
        using var writer = CorpusWriter.Create(corpusDirectory);
        var report = TinyStoriesUnpacker.Unpack(archivePath, writer, options, unpackProgress, ct);
        return report with { Import = report.Import with { Corpus = writer.Complete() } };
    }
}
