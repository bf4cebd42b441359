using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Prebias.Tests.Corpora;

/// <summary>Builds a small TinyStories-shaped tar.gz in memory: each shard a JSON array of {"story", "source"} objects.</summary>
internal static class TinyStoriesArchive
{
    public static byte[] Build(params (string Name, string[] Stories)[] shards)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, stories) in shards)
            {
                var json = "[" + string.Join(",", stories.Select(s => $"{{\"story\": \"{s}\", \"source\": \"GPT-4\"}}")) + "]";
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(json)) };
                tar.WriteEntry(entry);
            }
        }
        return output.ToArray();
    }
}
