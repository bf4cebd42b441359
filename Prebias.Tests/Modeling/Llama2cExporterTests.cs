using System.Buffers.Binary;
using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Modeling;

[Collection("Sequential")]
public class Llama2cExporterTests
{
    private static byte[] Export(Transformer model)
    {
        using var stream = new MemoryStream();
        Llama2cExporter.Export(model, stream);
        return stream.ToArray();
    }

    [Fact]
    public void Export_WritesSevenInt32Header_WithPositiveVocabForSharedClassifier()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        var bytes = Export(model);
        var header = Enumerable.Range(0, 7).Select(i => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 * i))).ToArray();
        // dim, hidden_dim (4·32 -> 85 -> 88), n_layers, n_heads, n_kv_heads, vocab_size, max_seq_len
        Assert.Equal([32, 88, 2, 4, 2, 40, 16], header);
    }

    [Fact]
    public void Export_HasLegacyV0Size_AndTensorsAtTheirOffsets()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        var bytes = Export(model);
        // Element counts: emb 40·32=1280; per layer attention_norm 32, wq 1024, wk 512, wv 512, wo 1024,
        // ffn_norm 32, w1 2816, w2 2816, w3 2816; norm 32; freqs_cos and freqs_sin 16·4=64 each.
        const int embedding = 1280, perLayer = 32 + 1024 + 512 + 512 + 1024 + 32 + 2816 * 3, layers = 2;
        Assert.Equal(28 + 4 * (embedding + layers * perLayer + 32 + 64 + 64), bytes.Length);

        // layers.1.attention.wk comes after the embedding, both attention_norms, both wq and wk of layer 0.
        var offset = 28 + 4 * (embedding + 2 * 32 + 2 * 1024 + 512);
        var expected = model.named_parameters().Single(p => p.name == "layers.1.attention.wk.weight").parameter
            .detach().contiguous().data<float>().ToArray();
        var actual = ReadFloats(bytes, offset, expected.Length);
        Assert.Equal(expected, actual);

        // freqs_sin closes the file (no classifier: it is shared); row 1, pair 0 is sin(1·1).
        var sinStart = bytes.Length - 4 * 64;
        Assert.Equal(MathF.Sin(1f), ReadFloats(bytes, sinStart + 4 * 4, 1)[0], 6);
    }

    private static float[] ReadFloats(byte[] bytes, int offset, int count) =>
        Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + 4 * i))).ToArray();
}
