using System.Formats.Tar;
using System.IO.Compression;
using Prebias.Core.Corpora.Import;

namespace Prebias.Core.Corpora.TinyStories;

/// <summary>
/// Reads the TinyStories tar.gz (streamed: GZipStream + System.Formats.Tar) and writes every story of its
/// <c>*.json</c> shards, in ordinal name order, to a <see cref="CorpusWriter"/>.
/// Two passes: the first lists the shard names (and finds a truncated or corrupt archive before anything is written),
/// the second imports. A shard met before its turn (an unsorted archive) is spooled to a temp file until then.
/// </summary>
public static class TinyStoriesUnpacker
{
    public static TinyStoriesUnpackReport Unpack(string archivePath, CorpusWriter writer, TinyStoriesOptions? options = null,
        IProgress<TinyStoriesProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new TinyStoriesOptions();
        var archive = Path.GetFileName(archivePath);
        var all = Guard(archive, () => ListShards(archivePath, ct));
        var shards = all.Order(StringComparer.Ordinal).Take(options.ShardLimit ?? int.MaxValue).ToList();
        if (shards.Count == 0)
            throw new CorpusImportException(BadDocumentReason.EmptyCorpus, archive, "the archive contains no .json shards");

        var sink = new ImportSink(writer, options.Import);
        var next = 0;
        var spooled = new Dictionary<string, string>(StringComparer.Ordinal);
        var wanted = shards.ToHashSet(StringComparer.Ordinal);
        try
        {
            Guard(archive, () =>
            {
                using var tar = OpenTar(archivePath);
                while (next < shards.Count && tar.GetNextEntry() is { } entry)
                {
                    ct.ThrowIfCancellationRequested();
                    if (!wanted.Contains(entry.Name) || entry.DataStream is null) continue;
                    if (entry.Name != shards[next])
                    {
                        var spool = Path.Combine(Path.GetTempPath(), $"prebias-shard-{Guid.NewGuid():N}.json");
                        entry.ExtractToFile(spool, overwrite: true);
                        spooled[entry.Name] = spool;
                        continue;
                    }
                    ImportShard(entry.DataStream, entry.Name, sink, ct);
                    next++; // not inside progress?.Report(...): its arguments are skipped when progress is null
                    progress?.Report(new TinyStoriesProgress(next, shards.Count, sink.Imported));
                    while (next < shards.Count && spooled.Remove(shards[next], out var file))
                    {
                        using (var stream = File.OpenRead(file)) ImportShard(stream, shards[next], sink, ct);
                        File.Delete(file);
                        next++;
                        progress?.Report(new TinyStoriesProgress(next, shards.Count, sink.Imported));
                    }
                }
                return 0;
            });
        }
        finally
        {
            foreach (var file in spooled.Values) File.Delete(file);
        }
        sink.EnsureNotEmpty(archive);
        return new TinyStoriesUnpackReport(shards, sink.Report());
    }

    /// <summary>Names of the regular-file <c>*.json</c> entries, in archive order.</summary>
    public static IReadOnlyList<string> ListShards(string archivePath, CancellationToken ct = default)
    {
        using var tar = OpenTar(archivePath);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry)
        {
            ct.ThrowIfCancellationRequested();
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                && entry.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                names.Add(entry.Name);
        }
        return names;
    }

    private static void ImportShard(Stream data, string name, ImportSink sink, CancellationToken ct) =>
        JsonArrayDocumentReader.Read(data, sink, ct, locationPrefix: name + " ");

    private static TarReader OpenTar(string archivePath)
    {
        var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new TarReader(new GZipStream(file, CompressionMode.Decompress), leaveOpen: false);
    }

    /// <summary>Turns the ways a cut-off or damaged tar.gz surfaces (EndOfStream, InvalidData, Format) into one clear error.</summary>
    private static T Guard<T>(string archive, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException)
        {
            throw new CorpusImportException(BadDocumentReason.Truncated, archive,
                $"the archive is truncated or corrupt ({e.GetType().Name}: {e.Message}); delete it and download it again", e);
        }
    }
}
