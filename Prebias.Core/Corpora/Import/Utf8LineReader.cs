namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Reads '\n'-terminated lines (a trailing '\r' dropped, a leading UTF-8 BOM skipped) as raw bytes from a stream,
/// buffering at most <c>maxLineBytes</c>: a longer line is discarded up to its newline and reported as too long,
/// so one enormous line never has to fit in memory.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, long maxLineBytes)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private long _bufferOffset; // stream offset of _buffer[0]
    private bool _atStart = true;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Byte offset in the stream of the start of the line last returned.</summary>
    public long LineOffset { get; private set; }

    /// <summary>Next line; the memory is valid until the next call. <paramref name="tooLong"/> lines come back empty.</summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        line = default;
        tooLong = false;
        var scanned = 0; // bytes after _start already searched for '\n'
        while (true)
        {
            if (_atStart)
            {
                if (_end - _start < 3 && !_eof) { Fill(); continue; }
                _atStart = false;
                if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8)) _start += 3;
            }
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
                return Emit(_start + scanned + newline, 1, tooLong, out line);
            if (_eof)
                return (_end > _start || tooLong) && Emit(_end, 0, tooLong, out line);
            scanned = _end - _start;
            if (scanned >= maxLineBytes)
            {
                // Too long: remember where the line started, drop its bytes, keep looking for its newline.
                if (!tooLong) LineOffset = _bufferOffset + _start;
                tooLong = true;
                _bufferOffset += _end;
                _start = _end = scanned = 0;
            }
            Fill(); // compaction keeps the bytes from _start, so `scanned` stays valid
        }
    }

    private bool Emit(int lineEnd, int terminatorLength, bool tooLong, out ReadOnlyMemory<byte> line)
    {
        LineNumber++;
        if (!tooLong) LineOffset = _bufferOffset + _start;
        var length = lineEnd - _start;
        if (length > 0 && _buffer[lineEnd - 1] == (byte)'\r') length--;
        line = tooLong ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(_start, length);
        _start = lineEnd + terminatorLength;
        return true;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, Math.Max(_buffer.Length * 2L, 1)));
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }
}
