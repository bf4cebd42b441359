using System.Buffers.Binary;
using System.Text.Json;

namespace Prebias.Tests.Export;

/// <summary>Reads an F32 safetensors file by the format's spec, independently of the writer under test.</summary>
internal static class SafetensorsReader
{
    public static (Dictionary<string, (long[] Shape, float[] Values)> Tensors, Dictionary<string, string> Metadata)
        Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = checked((int)BinaryPrimitives.ReadInt64LittleEndian(bytes));
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var dataStart = 8 + headerLength;
        var tensors = new Dictionary<string, (long[], float[])>();
        var metadata = new Dictionary<string, string>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                foreach (var m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString()!;
                continue;
            }
            Assert.Equal("F32", entry.Value.GetProperty("dtype").GetString());
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var values = new float[(offsets[1] - offsets[0]) / 4];
            for (var i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataStart + offsets[0] + 4 * i));
            Assert.Equal(shape.Aggregate(1L, (a, b) => a * b), values.Length);
            tensors[entry.Name] = (shape, values);
        }
        Assert.Equal(0, dataStart % 8); // the data starts 8-byte aligned
        return (tensors, metadata);
    }
}
