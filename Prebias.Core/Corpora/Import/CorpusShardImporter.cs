using Prebias.Core.Corpora.Sandbox;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Imports the shards of a folder or glob (<see cref="ImportSandbox.ResolveShards(string, out bool)"/>) as one corpus, in the given
/// order. Each document records its shard and row (<c>source_shard</c>, <c>source_row</c>); errors name both; the
/// bad-document policy and its counts span all shards. Each shard is opened through the sandbox again, so a file
/// swapped for a symlink after the request was checked is still refused.
/// </summary>
public static class CorpusShardImporter
{
    /// <param name="shardsDone">Reports how many shards are read so far.</param>
    public static CorpusImportReport ImportToDirectory(IReadOnlyList<ImportShard> shards, ImportSandbox sandbox,
        string corpusDirectory, CorpusImportOptions options, IProgress<int>? shardsDone = null,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDocumentChars, 1);
        if (shards.Count == 0)
            throw new CorpusImportException(BadDocumentReason.EmptyCorpus, "", "the folder or glob names no shards");
        using var writer = CorpusWriter.Create(corpusDirectory);
        var sink = new ImportSink(writer, options);
        for (var i = 0; i < shards.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            sink.Shard = shards[i].Name;
            using (var file = sandbox.OpenRead(shards[i].Path))
            using (var guarded = new GuardedReadStream(file, options.MaxInputBytes, ct))
                CorpusFileImporter.ImportInto(guarded, shards[i].Name, sink, ct);
            shardsDone?.Report(i + 1);
        }
        sink.Shard = null;
        sink.EnsureNotEmpty($"{shards.Count} shards");
        return sink.Report() with { Corpus = writer.Complete() };
    }
}
