using System.IO.Compression;
using Prebias.Core.Corpora.Sandbox;
using ZstdSharp;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Streams <c>.gz</c> (the BCL's gzip) and <c>.zst</c>/<c>.zstd</c> (ZstdSharp, a managed port of zstd) inputs, as
/// RedPajama and Dolma ship their <c>.jsonl.zst</c> shards. The format underneath comes from the name without the
/// compression suffix. The size limit also applies to the decompressed bytes, so a small bomb cannot fill the disk.
/// </summary>
internal static class CompressedInput
{
    /// <summary>The file name without a compression suffix (<c>a.jsonl.zst</c> → <c>a.jsonl</c>).</summary>
    public static string? InnerName(string? fileName) =>
        Codec(fileName) is null ? fileName : Path.GetFileNameWithoutExtension(fileName);

    /// <summary>A decompressing view of <paramref name="input"/> when the name says it is compressed, else null.</summary>
    public static Stream? Open(Stream input, string? fileName, long maxBytes, CancellationToken ct)
    {
        Stream? decoded = Codec(fileName) switch
        {
            ".gz" => new GZipStream(input, CompressionMode.Decompress, leaveOpen: true),
            ".zst" => new DecompressionStream(input, leaveOpen: true),
            _ => null,
        };
        return decoded is null ? null : new GuardedReadStream(decoded, maxBytes, ct);
    }

    /// <summary>Turns a decoder's complaint about corrupt data into the import's readable error.</summary>
    public static bool IsCorruptData(Exception e) => e is InvalidDataException or EndOfStreamException or ZstdException;

    private static string? Codec(string? fileName) =>
        Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".gz" => ".gz",
            ".zst" or ".zstd" => ".zst",
            _ => null,
        };
}
