using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Prebias.Core.Ordering;

/// <summary>
/// A compiled order on disk. Little-endian throughout; a 72-byte header, then <c>count</c> int32 sample ids:
/// <code>
/// 0  "PBORDER1"        8 bytes magic (format version 1)
/// 8  int64 count       ids in the body
/// 16 int32 eligible, int32 epochs, int32 excludedMissing, int32 excludedByFilter
/// 32 int64 prefixLength
/// 40 sha256            32 raw bytes of the body (the <see cref="CompiledOrder.Hash"/>)
/// 72 int32[count]      sample ids
/// </code>
/// Written atomically (<see cref="AtomicFile"/>: temp file in the same folder, fsync, rename); loading re-hashes the
/// body and rejects a mismatch.
/// </summary>
public static class OrderFile
{
    private static readonly byte[] Magic = "PBORDER1"u8.ToArray();
    public const int HeaderSize = 72;

    /// <summary>Writes an order file outside the artifact store (benchmarks, tests), atomically.</summary>
    public static void Save(CompiledOrder order, string path) => AtomicFile.Write(path, stream => Write(order, stream));

    /// <exception cref="InvalidDataException">Not an order file, truncated, or its body does not match its hash.</exception>
    public static CompiledOrder Load(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Writes the order file's bytes to <paramref name="stream"/> (the caller makes it atomic).</summary>
    public static void Write(CompiledOrder order, Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], order.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], order.EligibleCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], order.Epochs);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], order.ExcludedMissing);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], order.ExcludedByFilter);
        BinaryPrimitives.WriteInt64LittleEndian(header[32..], order.PrefixLength);
        Convert.FromHexString(order.Hash).CopyTo(header[40..]);
        stream.Write(header);
        ForEachChunk(order.SampleIds, chunk => stream.Write(MemoryMarshal.AsBytes(chunk)));
    }

    /// <inheritdoc cref="Load(string)"/>
    /// <param name="stream">The file's bytes from the start.</param>
    /// <param name="path">Names the file in error messages.</param>
    public static CompiledOrder Read(Stream stream, string path)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (stream.Length < HeaderSize || stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize
            || !header[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not an order file (no PBORDER1 header).");
        var count = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        if (count < 0 || count > Array.MaxLength || stream.Length != HeaderSize + count * 4)
            throw new InvalidDataException($"{path} is truncated or damaged: the header says {count:N0} ids, the file has {stream.Length:N0} bytes.");
        var ids = GC.AllocateUninitializedArray<int>((int)count);
        ForEachChunk(ids, chunk => stream.ReadExactly(MemoryMarshal.AsBytes(chunk)));
        var expected = Convert.ToHexStringLower(header.Slice(40, 32));
        var actual = OrderHash.Compute(ids);
        if (actual != expected) throw new InvalidDataException($"{path} is damaged: its ids hash to {actual}, its header says {expected}.");
        return new CompiledOrder(ids,
            BinaryPrimitives.ReadInt32LittleEndian(header[16..]), BinaryPrimitives.ReadInt32LittleEndian(header[20..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[24..]), BinaryPrimitives.ReadInt32LittleEndian(header[28..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[32..]), actual);
    }

    private delegate void ChunkAction(Span<int> chunk);

    /// <summary>Chunks keep byte spans under int.MaxValue; on a big-endian machine each chunk is swapped to little-endian
    /// around the I/O (and swapped back).</summary>
    private static void ForEachChunk(int[] ids, ChunkAction action)
    {
        for (var start = 0; start < ids.Length; start += OrderHash.ChunkIds)
        {
            var chunk = ids.AsSpan(start, Math.Min(OrderHash.ChunkIds, ids.Length - start));
            if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(chunk, chunk);
            action(chunk);
            if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(chunk, chunk);
        }
    }
}
