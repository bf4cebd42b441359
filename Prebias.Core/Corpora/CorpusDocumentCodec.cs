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

    /// <summary>Writes the document as one JSON object (no newline). Attributes are written in ordinal key order
    /// so the bytes do not depend on dictionary iteration order.</summary>
    public static void Write(Utf8JsonWriter json, string text, IReadOnlyDictionary<string, string>? attributes)
    {
        json.WriteStartObject();
        json.WriteString("text", text);
        if (attributes is { Count: > 0 })
        {
            json.WriteStartObject("attributes");
            foreach (var key in attributes.Keys.Order(StringComparer.Ordinal))
                json.WriteString(key, attributes[key]);
            json.WriteEndObject();
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
