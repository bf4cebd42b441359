using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Prebias.Core.Ordering;

/// <summary>The content hash of an order: lower-case hex sha256 of the sample ids as little-endian int32 bytes
/// (the same bytes as the body of an <see cref="OrderFile"/>), so <c>sha256sum</c> of the body reproduces it.</summary>
public static class OrderHash
{
    /// <summary>Ids per hashing chunk: keeps byte spans far below int.MaxValue for orders of any length.</summary>
    internal const int ChunkIds = 1 << 20;

    public static string Compute(ReadOnlySpan<int> sampleIds)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var swapped = BitConverter.IsLittleEndian ? null : new int[Math.Min(ChunkIds, sampleIds.Length)];
        for (var start = 0; start < sampleIds.Length; start += ChunkIds)
        {
            var chunk = sampleIds.Slice(start, Math.Min(ChunkIds, sampleIds.Length - start));
            if (swapped is not null)
            {
                BinaryPrimitives.ReverseEndianness(chunk, swapped);
                chunk = swapped.AsSpan(0, chunk.Length);
            }
            hash.AppendData(MemoryMarshal.AsBytes(chunk));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
