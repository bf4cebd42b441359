using System.Buffers.Binary;
using System.Text;

namespace Prebias.Tests.Export;

/// <summary>
/// Reads TensorBoard event files independently of TorchSharp: TFRecord framing (uint64 length, masked CRC-32C of the
/// length, payload, masked CRC-32C of the payload; both checked) and the few fields of tensorflow's Event proto a
/// scalar uses (1 wall_time, 2 step, 3 file_version, 5 summary → 1 value → 1 tag, 2 simple_value).
/// </summary>
internal static class TfRecordEvents
{
    public sealed record Scalar(string Tag, long Step, float Value, double WallTime);

    public static (string? FileVersion, List<Scalar> Scalars) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var scalars = new List<Scalar>();
        string? version = null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset)));
            Assert.Equal(Masked(Crc32C(bytes.AsSpan(offset, 8))), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8)));
            var payload = bytes.AsSpan(offset + 12, length);
            Assert.Equal(Masked(Crc32C(payload)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12 + length)));
            offset += 12 + length + 4;

            double wall = 0;
            long step = 0;
            var values = new List<(string, float)>();
            foreach (var (field, value) in Fields(payload.ToArray()))
            {
                if (field == 1) wall = BitConverter.Int64BitsToDouble((long)value.Fixed);
                else if (field == 2) step = (long)value.Varint;
                else if (field == 3) version = Encoding.UTF8.GetString(value.Bytes!);
                else if (field == 5)
                    foreach (var (f, v) in Fields(value.Bytes!).Where(x => x.Field == 1))
                    {
                        string? tag = null;
                        float simple = float.NaN;
                        foreach (var (vf, vv) in Fields(v.Bytes!))
                        {
                            if (vf == 1) tag = Encoding.UTF8.GetString(vv.Bytes!);
                            else if (vf == 2) simple = BitConverter.Int32BitsToSingle((int)vv.Fixed);
                        }
                        values.Add((tag!, simple));
                    }
            }
            scalars.AddRange(values.Select(v => new Scalar(v.Item1, step, v.Item2, wall)));
        }
        return (version, scalars);
    }

    private readonly record struct Value(ulong Varint, ulong Fixed, byte[]? Bytes);

    private static IEnumerable<(int Field, Value Value)> Fields(byte[] message)
    {
        var i = 0;
        while (i < message.Length)
        {
            var key = ReadVarint(message, ref i);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0: yield return (field, new Value(ReadVarint(message, ref i), 0, null)); break;
                case 1: yield return (field, new Value(0, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(i)), null)); i += 8; break;
                case 5: yield return (field, new Value(0, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(i)), null)); i += 4; break;
                case 2:
                    var length = (int)ReadVarint(message, ref i);
                    yield return (field, new Value(0, 0, message[i..(i + length)]));
                    i += length;
                    break;
                default: throw new InvalidDataException($"wire type {wire}");
            }
        }
    }

    private static ulong ReadVarint(byte[] b, ref int i)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var x = b[i++];
            result |= (ulong)(x & 0x7F) << shift;
            if (x < 0x80) return result;
        }
    }

    // CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit; TFRecord masks it as below.
    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    private static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}
