using System.Buffers.Binary;

namespace Prebias.Core.Tokenization;

/// <summary>
/// Minimal protobuf wire-format reader (varint, fixed32, fixed64, length-delimited), enough to walk
/// sentencepiece_model.proto without a protobuf package. Throws <see cref="TokenizerFormatException"/> on malformed input.
/// See https://protobuf.dev/programming-guides/encoding/.
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next tag: (field number, wire type).</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = (int)(tag >> 3);
        if (field <= 0) throw Malformed("field number 0");
        return (field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length) throw Malformed("truncated varint");
            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Malformed("varint longer than 10 bytes");
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position)) throw Malformed("length-delimited field runs past the end");
        return Take((int)length);
    }

    /// <summary>Skips a field of the given wire type (groups, wire types 3/4, are not used by sentencepiece and rejected).</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Take(8); break;
            case 2: ReadBytes(); break;
            case 5: Take(4); break;
            default: throw Malformed($"unsupported wire type {wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position) throw Malformed("truncated field");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly TokenizerFormatException Malformed(string what) =>
        new($"Not a valid SentencePiece model (protobuf error at byte {_position}: {what}); the file is corrupt or truncated.");
}
