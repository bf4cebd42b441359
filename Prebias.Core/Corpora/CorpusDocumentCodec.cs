using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Prebias.Core.Corpora;

/// <summary>Encodes and decodes one line of documents.jsonl: <c>{"text":"...","attributes":{"k":"v"}}</c>.</summary>
internal static class CorpusDocumentCodec
{
    // Relaxed escaping keeps non-ASCII text as UTF-8 (compact); the file is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Writes the document as one JSON object (no newline). Attributes come sorted by key (ordinal), so
    /// the bytes do not depend on dictionary iteration order.</summary>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<char> text,
        ReadOnlySpan<KeyValuePair<string, string>> sortedAttributes)
    {
        json.WriteStartObject();
        json.WriteString("text"u8, text);
        WriteAttributes(json, sortedAttributes);
        json.WriteEndObject();
    }

    /// <summary>The same line from valid UTF-8 text: the escaping works on code points, so the bytes are the same.</summary>
    public static void WriteUtf8(Utf8JsonWriter json, ReadOnlySpan<byte> text,
        ReadOnlySpan<KeyValuePair<string, string>> sortedAttributes)
    {
        json.WriteStartObject();
        json.WriteString("text"u8, text);
        WriteAttributes(json, sortedAttributes);
        json.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter json, ReadOnlySpan<KeyValuePair<string, string>> sorted)
    {
        if (sorted.IsEmpty) return;
        json.WriteStartObject("attributes"u8);
        for (var i = 0; i < sorted.Length; i++)
        {
            Debug.Assert(i == 0 || string.CompareOrdinal(sorted[i - 1].Key, sorted[i].Key) < 0,
                "attribute keys must be unique and sorted");
            json.WriteString(sorted[i].Key, sorted[i].Value);
        }
        json.WriteEndObject();
    }

    public static Utf8JsonWriter CreateWriter(System.Buffers.IBufferWriter<byte> output) => new(output, WriterOptions);

    /// <summary>Parses one line; <paramref name="withAttributes"/> false skips building the dictionary (tokenization path).</summary>
    public static (string Text, IReadOnlyDictionary<string, string>? Attributes) Read(ReadOnlySpan<byte> line, bool withAttributes)
    {
        var reader = new Utf8JsonReader(line);
        string? text = null;
        Dictionary<string, string>? attributes = null;
        reader.Read(); // StartObject
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                text = reader.GetString();
            }
            else if (reader.ValueTextEquals("attributes"u8) && withAttributes)
            {
                reader.Read();
                attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    attributes[key] = reader.GetString() ?? "";
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return (text ?? throw new InvalidDataException("Corpus line has no \"text\" property."), attributes);
    }
}
