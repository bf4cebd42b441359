using System.Text;
using System.Text.Unicode;

namespace Prebias.Core.Corpora.Import;

/// <summary>Strict UTF-8 checks: invalid bytes are reported, never replaced with U+FFFD.</summary>
internal static class Utf8Check
{
    /// <summary>Index of the first byte of the first invalid sequence, or -1 when <paramref name="bytes"/> is valid UTF-8.</summary>
    public static int FindInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return -1;
        var position = 0;
        while (position < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[position..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
                return position;
            position += consumed;
        }
        return -1;
    }

    /// <summary>Trims what <see cref="string.Trim()"/> trims (every whitespace char is in the BMP, so runes and
    /// chars agree) from valid UTF-8.</summary>
    public static ReadOnlySpan<byte> TrimWhiteSpace(ReadOnlySpan<byte> text)
    {
        while (Rune.DecodeFromUtf8(text, out var rune, out var length) == System.Buffers.OperationStatus.Done
               && Rune.IsWhiteSpace(rune))
            text = text[length..];
        while (Rune.DecodeLastFromUtf8(text, out var rune, out var length) == System.Buffers.OperationStatus.Done
               && Rune.IsWhiteSpace(rune))
            text = text[..^length];
        return text;
    }

    public static string Describe(long byteOffset, ReadOnlySpan<byte> bytes, int invalidAt) =>
        $"invalid UTF-8 (byte 0x{bytes[invalidAt]:X2} at byte offset {byteOffset})";
}
