using System.Text;
using System.Text.Json;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Streams <c>[{"story": "..."}, ...]</c> with <see cref="Utf8JsonReader"/> over a refilled buffer, so memory is
/// bounded by the largest single token, not the file (the pattern from the System.Text.Json docs, "read from a
/// stream using Utf8JsonReader"). A syntax error is always fatal (the parser cannot resynchronise inside an array);
/// a missing/non-string text field, an empty, too long or non-UTF-8 text is one bad document.
/// </summary>
internal sealed class JsonArrayDocumentReader
{
    private readonly ImportSink _sink;
    private readonly byte[] _field;
    private readonly string _locationPrefix;
    private byte[] _buffer = new byte[1 << 16];
    private long _bufferOffset; // stream offset of _buffer[0]
    private long _lines = 1;    // 1-based line at _buffer[_linesCountedTo]
    private int _linesCountedTo;
    private int _element;       // elements seen so far (the current one is 1-based _element)
    private long _elementLine;
    private string? _text;
    private bool _textWrongType;
    private bool _expectText;      // the text field's name was read; its value is the next token (maybe in the next block)
    private bool _elementRejected; // already reported (e.g. invalid UTF-8), so not reported again at its end
    private bool _sawArray;

    private JsonArrayDocumentReader(ImportSink sink, string locationPrefix)
    {
        _sink = sink;
        _field = Encoding.UTF8.GetBytes(sink.Options.TextField);
        _locationPrefix = locationPrefix;
    }

    /// <summary>Reads one array; <c>locationPrefix</c> is prepended to locations, e.g. "data03.json " inside an archive.</summary>
    public static void Read(Stream input, ImportSink sink, CancellationToken ct, string locationPrefix = "") =>
        new JsonArrayDocumentReader(sink, locationPrefix).Run(input, ct);

    private string Location => $"{_locationPrefix}element {_element} (line {_elementLine})";

    private void Run(Stream input, CancellationToken ct)
    {
        var state = new JsonReaderState();
        var length = 0;
        var final = false;
        var skippedBom = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var read = input.Read(_buffer, length, _buffer.Length - length);
            final = read == 0;
            length += read;
            if (!skippedBom && (length >= 3 || final))
            {
                skippedBom = true;
                if (_buffer.AsSpan(0, length).StartsWith("\uFEFF"u8)) Consume(3, ref length);
            }
            if (final && !_sawArray && _buffer.AsSpan(0, length).Trim(" \t\r\n"u8).IsEmpty)
                throw new CorpusImportException(BadDocumentReason.EmptyCorpus, _locationPrefix.Trim(), "the file is empty");
            var reader = new Utf8JsonReader(_buffer.AsSpan(0, length), final, state);
            try
            {
                while (reader.Read()) Handle(ref reader);
            }
            catch (JsonException e)
            {
                var where = _element > 0 ? $" in element {_element}" : "";
                throw new CorpusImportException(BadDocumentReason.InvalidJson, $"{_locationPrefix}line {e.LineNumber + 1}",
                    $"invalid JSON at byte {e.BytePositionInLine + 1} of the line{where}: {e.Message}", e);
            }
            if (final) return;
            state = reader.CurrentState;
            Consume((int)reader.BytesConsumed, ref length);
            if (length == _buffer.Length) Grow();
        }
    }

    private void Handle(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        if (_expectText)
        {
            _expectText = false;
            ReadText(ref reader);
            return;
        }
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray when depth == 0:
                _sawArray = true;
                break;
            case JsonTokenType.StartObject when depth == 0:
                throw new CorpusImportException(BadDocumentReason.InvalidJson, $"{_locationPrefix}line 1",
                    "expected a JSON array of objects ('['), found an object; is this JSONL?");
            case JsonTokenType.StartObject when depth == 1:
                _element++;
                _elementLine = LineAt((int)reader.TokenStartIndex);
                _text = null;
                _textWrongType = false;
                _elementRejected = false;
                break;
            case JsonTokenType.PropertyName when depth == 2 && reader.ValueTextEquals(_field):
                _expectText = true;
                break;
            case JsonTokenType.EndObject when depth == 1:
                FinishElement();
                break;
            default:
                if (depth == 0 && reader.TokenType != JsonTokenType.EndArray)
                    throw new CorpusImportException(BadDocumentReason.InvalidJson, $"{_locationPrefix}line 1",
                        "expected a JSON array of objects");
                if (depth == 1 && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.StartArray))
                {
                    _element++;
                    _elementLine = LineAt((int)reader.TokenStartIndex);
                    _sink.Reject(BadDocumentReason.MissingTextField, Location, "the element is not an object");
                }
                break;
        }
    }

    private void ReadText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            _textWrongType = true;
            return;
        }
        var raw = reader.ValueSpan;
        var invalid = Utf8Check.FindInvalid(raw);
        if (invalid >= 0)
        {
            var offset = _bufferOffset + reader.TokenStartIndex + 1 + invalid; // +1: the opening quote
            _sink.Reject(BadDocumentReason.InvalidUtf8, Location, Utf8Check.Describe(offset, raw, invalid));
            _elementRejected = true;
            return;
        }
        _text = reader.ValueIsEscaped ? reader.GetString() : Encoding.UTF8.GetString(raw);
    }

    private void FinishElement()
    {
        if (_elementRejected) return;
        if (_text is not null) _sink.Accept(_text, Location, _element - 1);
        else
            _sink.Reject(BadDocumentReason.MissingTextField, Location, _textWrongType
                ? $"property \"{_sink.Options.TextField}\" is not a string"
                : $"no property \"{_sink.Options.TextField}\"");
    }

    private long LineAt(int position)
    {
        _lines += _buffer.AsSpan(_linesCountedTo, position - _linesCountedTo).Count((byte)'\n');
        _linesCountedTo = position;
        return _lines;
    }

    private void Consume(int count, ref int length)
    {
        LineAt(count);
        _buffer.AsSpan(count, length - count).CopyTo(_buffer);
        length -= count;
        _bufferOffset += count;
        _linesCountedTo = 0;
    }

    private void Grow()
    {
        // A single token fills the buffer: allow up to the longest acceptable document, then fail (not skippable:
        // Utf8JsonReader needs the whole token in memory to move past it).
        if (_buffer.Length >= _sink.MaxRawBytes)
            throw new CorpusImportException(BadDocumentReason.TooLong, $"{_locationPrefix}element {_element}",
                $"a JSON value is longer than {_buffer.Length} bytes, beyond the maximum document length " +
                $"({_sink.Options.MaxDocumentChars} characters); raise MaxDocumentChars to accept it");
        Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, Math.Min(_buffer.Length * 2L, _sink.MaxRawBytes + 1)));
    }
}
