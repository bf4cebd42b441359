namespace Prebias.Core.Corpora.Import.ParquetPages;

/// <summary>
/// Just enough of the Thrift compact protocol to read page headers: field headers, zigzag varints, booleans, and
/// skipping any other value (nested structs, lists, sets, maps, binaries). A malformed header throws
/// <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct ThriftCompactReader(ReadOnlySpan<byte> data, int offset)
{
    private const int Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8,
        List = 9, Set = 10, Map = 11, Struct = 12;

    private readonly ReadOnlySpan<byte> _data = data;

    public int Offset { get; private set; } = offset;

    /// <summary>Reads the next field header of the current struct; false at its end. <paramref name="field"/> holds
    /// the previous field id on entry (0 at a struct's start), since ids are stored as deltas.</summary>
    public bool NextField(ref int field, out int kind)
    {
        var header = _data[Offset++];
        kind = header & 0x0F;
        if (kind == Stop) return false;
        var delta = header >> 4;
        field = delta != 0 ? field + delta : (short)Zigzag(ReadVarint());
        return true;
    }

    public int ReadInt() => checked((int)Zigzag(ReadVarint()));

    /// <summary>A boolean field carries its value in its type nibble.</summary>
    public bool ReadBool(int kind) => kind switch
    {
        True => true,
        False => false,
        _ => throw new InvalidDataException($"a boolean field has Thrift type {kind}"),
    };

    public void Skip(int kind)
    {
        switch (kind)
        {
            case True or False: break;
            case Byte: Offset++; break;
            case I16 or I32 or I64: ReadVarint(); break;
            case Double: Offset += 8; break;
            case Binary:
            {
                var length = checked((int)ReadVarint()); // read before Offset, which reading it moves
                Offset += length;
                break;
            }
            case List or Set:
            {
                var header = _data[Offset++];
                var size = header >> 4 == 15 ? checked((int)ReadVarint()) : header >> 4;
                for (var i = 0; i < size; i++) SkipElement(header & 0x0F);
                break;
            }
            case Map:
            {
                var size = checked((int)ReadVarint());
                if (size == 0) break;
                var types = _data[Offset++];
                for (var i = 0; i < size; i++)
                {
                    SkipElement(types >> 4);
                    SkipElement(types & 0x0F);
                }
                break;
            }
            case Struct:
            {
                var field = 0;
                while (NextField(ref field, out var inner)) Skip(inner);
                break;
            }
            default: throw new InvalidDataException($"unknown Thrift compact type {kind}");
        }
    }

    // In a list, a boolean is a byte of its own rather than a field's type nibble.
    private void SkipElement(int kind)
    {
        if (kind is True or False) Offset++;
        else Skip(kind);
    }

    private ulong ReadVarint()
    {
        var at = Offset;
        var value = Varint.Read(_data, ref at);
        Offset = at;
        return value;
    }

    private static long Zigzag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
