using System.Text.Json;
using Prebias.Core.Export;
using Prebias.Core.Modeling;
using Prebias.Tests.Modeling;
using Prebias.Tests.Tokenization;
using static TorchSharp.torch;

namespace Prebias.Tests.Export;

[Collection("Sequential")]
public sealed class HfCheckpointExporterTests(SentencePieceFixture spm)
    : IClassFixture<SentencePieceFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prebias-hf-").FullName;

    /// <summary>The tiny GQA model with sharpened attention: at N(0, 0.02) every head attends almost uniformly,
    /// which would hide a wrong rotary permutation; scaled q/k make the scores position-sensitive.</summary>
    private static Transformer SharpModel()
    {
        var model = new Transformer(ModelFixtures.Tiny, seed: 3);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
            if (name.EndsWith("wq.weight", StringComparison.Ordinal) || name.EndsWith("wk.weight", StringComparison.Ordinal))
                parameter.mul_(40);
        model.eval();
        return model;
    }

    private static double[][] PrebiasLogits(Transformer model, int[] tokens)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (logits, _) = model.Forward(tensor(tokens.Select(t => (long)t).ToArray()).view(1, -1));
        var values = logits.to_type(ScalarType.Float64).contiguous().data<double>().ToArray(); // (1, T, vocab)
        var vocab = model.Args.VocabSize;
        return Enumerable.Range(0, tokens.Length).Select(p => values[(p * vocab)..((p + 1) * vocab)]).ToArray();
    }

    private static double MaxDifference(double[][] a, double[][] b) =>
        a.Zip(b).Max(rows => rows.First.Zip(rows.Second).Max(x => Math.Abs(x.First - x.Second)));

    [Fact]
    public void Export_HfReferenceForwardMatchesPrebiasLogits_WhenReadFromTheExportedFiles()
    {
        using var model = SharpModel();
        var folder = Path.Combine(_root, "hf");
        HfCheckpointExporter.Export(model, new HfTokenizerFiles(null, 1, 2), "# card\n", folder);
        int[] tokens = [1, 5, 17, 3, 33, 8, 21, 5, 39, 2, 11, 17, 6, 30];

        var expected = PrebiasLogits(model, tokens);
        var actual = new HfLlamaReference(folder).Logits(tokens);
        Assert.True(MaxDifference(expected, actual) < 1e-5, $"max |Δlogit| = {MaxDifference(expected, actual):E2}");

        // The same reference on unpermuted q/k (llama2.c's layout read as HF's) must miss: the test can fail.
        var (tensors, metadata) = SafetensorsReader.Read(Path.Combine(folder, HfCheckpointExporter.WeightsFile));
        Assert.Equal("pt", metadata["format"]);
        var raw = model.named_parameters()
            .ToDictionary(p => p.name, p => p.parameter.detach().contiguous().data<float>().ToArray());
        for (var l = 0; l < model.Args.NLayers; l++)
        {
            var (q, k) = ($"model.layers.{l}.self_attn.q_proj.weight", $"model.layers.{l}.self_attn.k_proj.weight");
            tensors[q] = (tensors[q].Shape, raw[$"layers.{l}.attention.wq.weight"]);
            tensors[k] = (tensors[k].Shape, raw[$"layers.{l}.attention.wk.weight"]);
        }
        var unpermuted = new HfLlamaReference(folder, tensors).Logits(tokens);
        Assert.True(MaxDifference(expected, unpermuted) > 1e-3, $"unpermuted max |Δlogit| = {MaxDifference(expected, unpermuted):E2}");
    }

    [Fact]
    public void Export_WritesLlamaConfigHfNamesAndTokenizerFiles_ForASentencePieceTokenizer()
    {
        using var model = SharpModel();
        var folder = Path.Combine(_root, "spm");
        HfCheckpointExporter.Export(model, new HfTokenizerFiles(spm.ModelPath, 1, 2), "---\nlicense: apache-2.0\n---\n", folder);

        string[] files = ["README.md", "config.json", "generation_config.json", "model.safetensors", "tokenizer.model", "tokenizer_config.json"];
        Assert.Equal(files, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetDirectories(_root, "*.tmp-*"));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        var c = config.RootElement;
        Assert.Equal("LlamaForCausalLM", c.GetProperty("architectures")[0].GetString());
        Assert.Equal([32, 88, 2, 4, 2, 16, 40], new[] { "hidden_size", "intermediate_size", "num_hidden_layers",
            "num_attention_heads", "num_key_value_heads", "max_position_embeddings", "vocab_size" }.Select(k => c.GetProperty(k).GetInt32()));
        Assert.True(c.GetProperty("tie_word_embeddings").GetBoolean());
        Assert.Equal(1e-5, c.GetProperty("rms_norm_eps").GetDouble());

        var (tensors, _) = SafetensorsReader.Read(Path.Combine(folder, "model.safetensors"));
        Assert.Equal(2 + 2 * 9, tensors.Count); // embedding, final norm, nine per layer; lm_head is tied
        Assert.Equal([16L, 32L], tensors["model.layers.1.self_attn.k_proj.weight"].Shape); // 2 kv heads × 8
        Assert.Equal([88L, 32L], tensors["model.layers.0.mlp.gate_proj.weight"].Shape);

        using var tokenizer = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")));
        Assert.Equal("LlamaTokenizer", tokenizer.RootElement.GetProperty("tokenizer_class").GetString());
        Assert.Equal("<s>", tokenizer.RootElement.GetProperty("bos_token").GetString());
        Assert.Equal("</s>", tokenizer.RootElement.GetProperty("eos_token").GetString());
        Assert.Equal(File.ReadAllBytes(spm.ModelPath), File.ReadAllBytes(Path.Combine(folder, "tokenizer.model")));
    }

    [Fact]
    public void PermuteRotaryRows_MovesPairMembersToHalves_AsExportPyDoes()
    {
        // One head of dim 4, two input columns: rows (r0 i0 r1 i1) become (r0 r1 i0 i1).
        var w = new NamedTensor("w", [4, 2], [0, 0, 1, 1, 2, 2, 3, 3]);
        Assert.Equal([0f, 0, 2, 2, 1, 1, 3, 3], HfStateDict.PermuteRotaryRows(w, heads: 1).Values);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
