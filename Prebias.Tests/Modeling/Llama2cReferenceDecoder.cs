using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Prebias.Tests.Modeling;

/// <summary>
/// Test oracle: a plain scalar fp32 decoder over the bytes of llama2.c's legacy model.bin, one token per call, with the
/// semantics of llama2.c's run.c (rotary angles computed per position as pos / 10000^(i/head_size) rather than read
/// from the file's tables, keys/values cached per layer, grouped-query heads by h / (n_heads / n_kv_heads), RMSNorm
/// eps 1e-5, shared classifier). Independent of TorchSharp, so it checks the export and the model together.
/// </summary>
internal sealed class Llama2cReferenceDecoder
{
    private readonly int _dim, _hidden, _layers, _heads, _kvHeads, _vocab, _seqLen, _headSize, _kvDim;
    private readonly float[] _w;
    private readonly int _emb, _rmsAtt, _wq, _wk, _wv, _wo, _rmsFfn, _w1, _w2, _w3, _rmsFinal;
    private readonly float[] _keys, _values; // (layer, seq_len, kv_dim)

    public Llama2cReferenceDecoder(byte[] modelBin)
    {
        int Header(int i) => BinaryPrimitives.ReadInt32LittleEndian(modelBin.AsSpan(4 * i));
        (_dim, _hidden, _layers, _heads, _kvHeads, _vocab, _seqLen) = (Header(0), Header(1), Header(2), Header(3), Header(4), Header(5), Header(6));
        if (_vocab <= 0) throw new NotSupportedException("only the shared-classifier layout is exported");
        _headSize = _dim / _heads;
        _kvDim = _kvHeads * _headSize;
        _w = MemoryMarshal.Cast<byte, float>(modelBin.AsSpan(28)).ToArray();
        var offset = 0;
        int Take(int count) { var start = offset; offset += count; return start; }
        _emb = Take(_vocab * _dim);
        _rmsAtt = Take(_layers * _dim);
        _wq = Take(_layers * _dim * _dim);
        _wk = Take(_layers * _dim * _kvDim);
        _wv = Take(_layers * _dim * _kvDim);
        _wo = Take(_layers * _dim * _dim);
        _rmsFfn = Take(_layers * _dim);
        _w1 = Take(_layers * _hidden * _dim);
        _w2 = Take(_layers * _dim * _hidden);
        _w3 = Take(_layers * _hidden * _dim);
        _rmsFinal = Take(_dim);
        _keys = new float[_layers * _seqLen * _kvDim];
        _values = new float[_layers * _seqLen * _kvDim];
    }

    /// <summary>Logits (vocab) of the next token after <paramref name="token"/> at position <paramref name="pos"/>.</summary>
    public float[] Forward(int token, int pos)
    {
        var x = _w.AsSpan(_emb + token * _dim, _dim).ToArray();
        var xb = new float[_dim];
        var q = new float[_dim];
        var k = new float[_kvDim];
        var v = new float[_kvDim];
        var hb = new float[_hidden];
        var hb2 = new float[_hidden];
        for (var l = 0; l < _layers; l++)
        {
            RmsNorm(xb, x, _rmsAtt + l * _dim);
            MatVec(q, xb, _wq + l * _dim * _dim, _dim, _dim);
            MatVec(k, xb, _wk + l * _dim * _kvDim, _dim, _kvDim);
            MatVec(v, xb, _wv + l * _dim * _kvDim, _dim, _kvDim);
            Rotate(q, pos);
            Rotate(k, pos);
            var layerOffset = l * _seqLen * _kvDim;
            k.CopyTo(_keys, layerOffset + pos * _kvDim);
            v.CopyTo(_values, layerOffset + pos * _kvDim);
            Attend(xb, q, layerOffset, pos);
            var attended = new float[_dim];
            MatVec(attended, xb, _wo + l * _dim * _dim, _dim, _dim);
            for (var i = 0; i < _dim; i++) x[i] += attended[i];
            RmsNorm(xb, x, _rmsFfn + l * _dim);
            MatVec(hb, xb, _w1 + l * _hidden * _dim, _dim, _hidden);
            MatVec(hb2, xb, _w3 + l * _hidden * _dim, _dim, _hidden);
            for (var i = 0; i < _hidden; i++) hb[i] = hb[i] / (1f + MathF.Exp(-hb[i])) * hb2[i]; // silu(w1 x) * w3 x
            var ffn = new float[_dim];
            MatVec(ffn, hb, _w2 + l * _dim * _hidden, _hidden, _dim);
            for (var i = 0; i < _dim; i++) x[i] += ffn[i];
        }
        RmsNorm(x, x, _rmsFinal);
        var logits = new float[_vocab];
        MatVec(logits, x, _emb, _dim, _vocab);
        return logits;
    }

    private void Attend(float[] output, float[] q, int layerOffset, int pos)
    {
        var perKv = _heads / _kvHeads;
        var scores = new float[pos + 1];
        for (var h = 0; h < _heads; h++)
        {
            var kvHead = h / perKv;
            for (var t = 0; t <= pos; t++)
            {
                var score = 0f;
                for (var i = 0; i < _headSize; i++) score += q[h * _headSize + i] * _keys[layerOffset + t * _kvDim + kvHead * _headSize + i];
                scores[t] = score / MathF.Sqrt(_headSize);
            }
            var max = scores.Max();
            var sum = 0f;
            for (var t = 0; t <= pos; t++) sum += scores[t] = MathF.Exp(scores[t] - max);
            for (var i = 0; i < _headSize; i++)
            {
                var acc = 0f;
                for (var t = 0; t <= pos; t++) acc += scores[t] / sum * _values[layerOffset + t * _kvDim + kvHead * _headSize + i];
                output[h * _headSize + i] = acc;
            }
        }
    }

    // Rotates interleaved pairs (x[i], x[i+1]) of each head by pos · 10000^(-(i mod head_size)/head_size).
    private void Rotate(float[] vector, int pos)
    {
        for (var i = 0; i < vector.Length; i += 2)
        {
            var angle = pos * (1f / MathF.Pow(10000f, i % _headSize / (float)_headSize));
            var (c, s) = (MathF.Cos(angle), MathF.Sin(angle));
            var (a, b) = (vector[i], vector[i + 1]);
            vector[i] = a * c - b * s;
            vector[i + 1] = a * s + b * c;
        }
    }

    private void RmsNorm(float[] output, float[] x, int weight)
    {
        var ss = 0f;
        foreach (var value in x) ss += value * value;
        var scale = 1f / MathF.Sqrt(ss / x.Length + 1e-5f);
        for (var i = 0; i < x.Length; i++) output[i] = _w[weight + i] * (scale * x[i]);
    }

    // W (rows, cols) row-major at offset w, times x (cols) -> output (rows).
    private void MatVec(float[] output, float[] x, int w, int cols, int rows)
    {
        for (var r = 0; r < rows; r++)
        {
            var acc = 0f;
            for (var c = 0; c < cols; c++) acc += _w[w + r * cols + c] * x[c];
            output[r] = acc;
        }
    }
}
