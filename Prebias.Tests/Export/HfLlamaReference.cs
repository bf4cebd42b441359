using System.Text.Json;

namespace Prebias.Tests.Export;

/// <summary>
/// A plain C# forward pass of transformers' LlamaForCausalLM (modeling_llama.py), in double, from an exported
/// folder's config.json and model.safetensors: RMSNorm, q/k/v projections, RoPE on halves (rotate_half with
/// cos/sin of cat(freqs, freqs)), causal softmax attention with grouped key/value heads, SwiGLU MLP, final norm,
/// and the tied embedding as lm_head. Shares no code with Prebias's model.
/// </summary>
internal sealed class HfLlamaReference
{
    private readonly Dictionary<string, (long[] Shape, float[] Values)> _w;
    private readonly int _dim, _layers, _heads, _kvHeads, _headDim, _hidden, _vocab;
    private readonly double _eps, _theta;
    private readonly bool _tied;

    public HfLlamaReference(string folder, Dictionary<string, (long[] Shape, float[] Values)>? weights = null)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        var c = config.RootElement;
        _dim = c.GetProperty("hidden_size").GetInt32();
        _layers = c.GetProperty("num_hidden_layers").GetInt32();
        _heads = c.GetProperty("num_attention_heads").GetInt32();
        _kvHeads = c.GetProperty("num_key_value_heads").GetInt32();
        _hidden = c.GetProperty("intermediate_size").GetInt32();
        _vocab = c.GetProperty("vocab_size").GetInt32();
        _eps = c.GetProperty("rms_norm_eps").GetDouble();
        _theta = c.GetProperty("rope_theta").GetDouble();
        _tied = c.GetProperty("tie_word_embeddings").GetBoolean();
        _headDim = _dim / _heads;
        _w = weights ?? SafetensorsReader.Read(Path.Combine(folder, "model.safetensors")).Tensors;
    }

    /// <summary>Logits [position][vocab] for one token sequence.</summary>
    public double[][] Logits(int[] tokens)
    {
        var t = tokens.Length;
        var embed = _w["model.embed_tokens.weight"].Values;
        var h = tokens.Select(tok => Enumerable.Range(0, _dim).Select(i => (double)embed[tok * _dim + i]).ToArray()).ToArray();
        for (var l = 0; l < _layers; l++)
        {
            var p = $"model.layers.{l}";
            var x = h.Select(v => RmsNorm(v, W($"{p}.input_layernorm.weight"))).ToArray();
            var q = x.Select(v => MatVec(W($"{p}.self_attn.q_proj.weight"), v)).ToArray();
            var k = x.Select(v => MatVec(W($"{p}.self_attn.k_proj.weight"), v)).ToArray();
            var v_ = x.Select(v => MatVec(W($"{p}.self_attn.v_proj.weight"), v)).ToArray();
            for (var pos = 0; pos < t; pos++)
            {
                RotateHalves(q[pos], _heads, pos);
                RotateHalves(k[pos], _kvHeads, pos);
            }
            var attended = new double[t][];
            for (var pos = 0; pos < t; pos++)
            {
                attended[pos] = new double[_dim];
                for (var head = 0; head < _heads; head++)
                {
                    var kvHead = head / (_heads / _kvHeads); // repeat_kv
                    var scores = new double[pos + 1];
                    for (var s = 0; s <= pos; s++)
                    {
                        double dot = 0;
                        for (var d = 0; d < _headDim; d++) dot += q[pos][head * _headDim + d] * k[s][kvHead * _headDim + d];
                        scores[s] = dot / Math.Sqrt(_headDim);
                    }
                    var max = scores.Max();
                    var e = scores.Select(z => Math.Exp(z - max)).ToArray();
                    var sum = e.Sum();
                    for (var s = 0; s <= pos; s++)
                    for (var d = 0; d < _headDim; d++)
                        attended[pos][head * _headDim + d] += e[s] / sum * v_[s][kvHead * _headDim + d];
                }
            }
            for (var pos = 0; pos < t; pos++)
            {
                var o = MatVec(W($"{p}.self_attn.o_proj.weight"), attended[pos]);
                for (var i = 0; i < _dim; i++) h[pos][i] += o[i];
                var n = RmsNorm(h[pos], W($"{p}.post_attention_layernorm.weight"));
                var gate = MatVec(W($"{p}.mlp.gate_proj.weight"), n);
                var up = MatVec(W($"{p}.mlp.up_proj.weight"), n);
                var act = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray(); // silu(gate) * up
                var down = MatVec(W($"{p}.mlp.down_proj.weight"), act);
                for (var i = 0; i < _dim; i++) h[pos][i] += down[i];
            }
        }
        var head_ = _tied ? W("model.embed_tokens.weight") : W("lm_head.weight");
        return h.Select(v => MatVec(head_, RmsNorm(v, W("model.norm.weight")))).ToArray();
    }

    // HF's apply_rotary_pos_emb: x·cos + rotate_half(x)·sin, rotate_half(x) = cat(-x[hd/2:], x[:hd/2]).
    private void RotateHalves(double[] x, int heads, int position)
    {
        var half = _headDim / 2;
        for (var head = 0; head < heads; head++)
        for (var i = 0; i < half; i++)
        {
            var angle = position * (1.0 / Math.Pow(_theta, 2.0 * i / _headDim));
            var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
            var a = head * _headDim + i;
            var b = a + half;
            (x[a], x[b]) = (x[a] * cos - x[b] * sin, x[b] * cos + x[a] * sin);
        }
    }

    private (long[] Shape, float[] Values) W(string name) => _w[name];

    private double[] RmsNorm(double[] x, (long[] Shape, float[] Values) weight)
    {
        var rms = 1 / Math.Sqrt(x.Select(v => v * v).Average() + _eps);
        return x.Select((v, i) => v * rms * weight.Values[i]).ToArray();
    }

    private static double[] MatVec((long[] Shape, float[] Values) w, double[] x)
    {
        var (rows, cols) = ((int)w.Shape[0], (int)w.Shape[1]);
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            double sum = 0;
            for (var c = 0; c < cols; c++) sum += w.Values[r * cols + c] * x[c];
            y[r] = sum;
        }
        return y;
    }
}
