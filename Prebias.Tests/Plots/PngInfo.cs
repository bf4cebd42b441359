using System.Buffers.Binary;

namespace Prebias.Tests.Plots;

/// <summary>Reads a PNG's size from its header: 8-byte signature, then the IHDR chunk (length, "IHDR", width, height).</summary>
internal static class PngInfo
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) ReadSize(byte[] png)
    {
        Assert.True(png.Length > 33, $"PNG too short: {png.Length} bytes");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8, 4))); // IHDR data is always 13 bytes
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
