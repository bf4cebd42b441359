using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Prebias.Core.Export;

/// <summary>
/// Writes the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header length,
/// a JSON header mapping each name to dtype, shape and byte offsets (plus <c>__metadata__</c>), padded with spaces
/// to 8 bytes, then the raw little-endian data. Written by hand rather than with PyBridge because transformers
/// checks <c>__metadata__.format == "pt"</c>, which PyBridge does not write.
/// </summary>
public static class SafetensorsFile
{
    public static void WriteFloat32(Stream stream, IReadOnlyList<NamedTensor> tensors,
        IReadOnlyDictionary<string, string> metadata)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors is little-endian.");
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("__metadata__");
            foreach (var (key, value) in metadata) writer.WriteString(key, value);
            writer.WriteEndObject();
            long offset = 0;
            foreach (var tensor in tensors)
            {
                var bytes = (long)tensor.Values.Length * sizeof(float);
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (var size in tensor.Shape) writer.WriteNumberValue(size);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += bytes;
            }
            writer.WriteEndObject();
        }
        var header = json.ToArray();
        // The data must start 8-byte aligned; the format allows trailing spaces in the header for that.
        var padded = (header.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, padded);
        stream.Write(length);
        stream.Write(header);
        stream.Write(Encoding.ASCII.GetBytes(new string(' ', padded - header.Length)));
        foreach (var tensor in tensors) stream.Write(MemoryMarshal.AsBytes(tensor.Values.AsSpan()));
    }
}
