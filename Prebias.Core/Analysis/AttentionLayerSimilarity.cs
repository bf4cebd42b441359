namespace Prebias.Core.Analysis;

/// <summary>
/// How alike the layers' attention patterns are on one probe input (the cosine similarity between layers'
/// attention maps). Input: attention weights (L layers × H heads × T queries × T keys), row-major float, as stacked
/// from the model's per-layer softmax(QKᵀ/√d) outputs for a single sequence.
/// <para>Layer map of layer l = its (H, T, T) block flattened to one vector a_l; similarity S[l, m] = a_l·a_m /
/// (‖a_l‖ ‖a_m‖). Per head: the same with the (T, T) block of head h, giving H matrices of L × L. A zero map gives NaN.
/// Attention weights are non-negative, so values lie in [0, 1].</para>
/// </summary>
public static class AttentionLayerSimilarity
{
    /// <returns>Row-major (L × L), symmetric, with 1 on the diagonal.</returns>
    public static double[] Compute(ReadOnlySpan<float> attention, int layers, int heads, int tokens)
    {
        var blockLength = CheckShape(attention, layers, heads, tokens) * heads;
        return CosineMatrix(attention, layers, blockLength, stride: blockLength, offset: 0);
    }

    /// <returns>Row-major (H × L × L): for each head h, the L × L cosine similarity of that head's (T × T) maps.</returns>
    public static double[] ComputePerHead(ReadOnlySpan<float> attention, int layers, int heads, int tokens)
    {
        var mapLength = CheckShape(attention, layers, heads, tokens);
        var result = new double[heads * layers * layers];
        for (var h = 0; h < heads; h++)
            CosineMatrix(attention, layers, mapLength, stride: heads * mapLength, offset: h * mapLength)
                .CopyTo(result, h * layers * layers);
        return result;
    }

    // Cosine similarity of `count` vectors of `length` values; vector i starts at offset + i·stride.
    private static double[] CosineMatrix(ReadOnlySpan<float> data, int count, int length, int stride, int offset)
    {
        var norms = new double[count];
        for (var i = 0; i < count; i++) norms[i] = Math.Sqrt(Dot(data.Slice(offset + i * stride, length), data.Slice(offset + i * stride, length)));
        var result = new double[count * count];
        for (var i = 0; i < count; i++)
            for (var j = i; j < count; j++)
            {
                var dot = Dot(data.Slice(offset + i * stride, length), data.Slice(offset + j * stride, length));
                var denominator = norms[i] * norms[j];
                result[i * count + j] = result[j * count + i] = denominator > 0 ? dot / denominator : double.NaN;
            }
        return result;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    private static int CheckShape(ReadOnlySpan<float> attention, int layers, int heads, int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(heads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1);
        var expected = (long)layers * heads * tokens * tokens;
        if (attention.Length != expected)
            throw new ArgumentException($"length {attention.Length} does not match ({layers}, {heads}, {tokens}, {tokens})", nameof(attention));
        return tokens * tokens;
    }
}
