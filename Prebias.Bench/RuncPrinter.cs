using System.Text;

namespace Prebias.Bench;

/// <summary>
/// Reproduces what llama2.c's run.c prints for a sequence of token ids, from the pieces of its tokenizer.bin:
/// stop at BOS (1); drop the leading space of the piece after BOS; a "&lt;0xXX&gt;" byte piece prints its byte only
/// when printable or whitespace (C isprint/isspace); one final newline. Lets our greedy ids be compared with run.c's stdout.
/// </summary>
internal sealed class RuncPrinter(IReadOnlyList<byte[]> pieces)
{
    private const int Bos = 1;

    /// <summary>Reads the pieces of a llama2.c tokenizer.bin (int32 max length, then per id float32 score, int32 length, bytes).</summary>
    public static RuncPrinter Load(string tokenizerBin)
    {
        using var reader = new BinaryReader(File.OpenRead(tokenizerBin));
        reader.ReadInt32(); // max_token_length
        var pieces = new List<byte[]>();
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            reader.ReadSingle(); // score
            pieces.Add(reader.ReadBytes(reader.ReadInt32()));
        }
        return new RuncPrinter(pieces);
    }

    /// <summary>run.c's stdout for the ids it samples or forces after the initial BOS.</summary>
    public byte[] Render(IEnumerable<int> ids)
    {
        var output = new List<byte>();
        var previous = Bos;
        foreach (var id in ids)
        {
            if (id == Bos) break;
            ReadOnlySpan<byte> piece = pieces[id];
            if (previous == Bos && piece.Length > 0 && piece[0] == (byte)' ') piece = piece[1..];
            if (TryParseByte(piece, out var value))
            {
                if (value is >= 0x20 and <= 0x7E || value is >= 0x09 and <= 0x0D) output.Add(value);
            }
            else
            {
                output.AddRange(piece);
            }
            previous = id;
        }
        output.Add((byte)'\n');
        return output.ToArray();
    }

    // sscanf(piece, "<0x%02hhX>", &byte) == 1: "<0x" then one or two hex digits.
    private static bool TryParseByte(ReadOnlySpan<byte> piece, out byte value)
    {
        value = 0;
        if (piece.Length < 4 || !piece.StartsWith("<0x"u8)) return false;
        var digits = 0;
        for (var i = 3; i < piece.Length && digits < 2 && Uri.IsHexDigit((char)piece[i]); i++, digits++)
            value = (byte)(value * 16 + Convert.ToByte(((char)piece[i]).ToString(), 16));
        return digits > 0;
    }

    /// <summary>Bytes as text for display (invalid UTF-8 becomes U+FFFD).</summary>
    public static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
