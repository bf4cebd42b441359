using System.Text;
using System.Text.Json;

namespace Prebias.Core.Corpora.Import;

/// <summary>JSONL: one object per line with a string text field. Blank lines are not documents. Each bad line is
/// one bad document (the next line parses independently), so Skip works for every kind of error here.</summary>
internal static class JsonLinesDocumentReader
{
    public static void Read(Stream input, ImportSink sink, CancellationToken ct)
    {
        var lines = new Utf8LineReader(input, sink.MaxRawBytes);
        var field = Encoding.UTF8.GetBytes(sink.Options.TextField);
        while (lines.TryReadLine(out var memory, out var tooLong))
        {
            ct.ThrowIfCancellationRequested();
            var location = new DocumentLocation("line", lines.LineNumber);
            if (tooLong)
            {
                sink.Reject(BadDocumentReason.TooLong, location, sink.TooLongMessage(sink.MaxRawBytes));
                continue;
            }
            var line = memory.Span;
            if (line.Trim(" \t"u8).IsEmpty) continue;
            var invalid = Utf8Check.FindInvalid(line);
            if (invalid >= 0)
            {
                sink.Reject(BadDocumentReason.InvalidUtf8, location, Utf8Check.Describe(lines.LineOffset + invalid, line, invalid));
                continue;
            }
            string? text;
            try
            {
                text = FindText(line, field, out var isObject);
                if (!isObject)
                {
                    sink.Reject(BadDocumentReason.InvalidJson, location, "expected a JSON object");
                    continue;
                }
            }
            catch (JsonException e)
            {
                sink.Reject(BadDocumentReason.InvalidJson, location,
                    $"invalid JSON at column {e.BytePositionInLine + 1}: {e.Message}");
                continue;
            }
            if (text is null)
                sink.Reject(BadDocumentReason.MissingTextField, location, $"no string property \"{sink.Options.TextField}\"");
            else
                sink.Accept(text, location, lines.LineNumber - 1);
        }
    }

    /// <summary>The text field's value when it is a string at the top level of an object; parses the whole line so
    /// trailing garbage is an error.</summary>
    private static string? FindText(ReadOnlySpan<byte> line, byte[] field, out bool isObject)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        isObject = reader.TokenType == JsonTokenType.StartObject;
        string? text = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(field))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) text = reader.GetString();
            }
        }
        return isObject ? text : null;
    }
}
