namespace Prebias.Core.Plots;

/// <summary>
/// Attention probabilities of one probe input, flat and row-major with shape (Layers, Heads, Tokens, Tokens): the
/// value for (layer l, head h, query q, key k) is at ((l * Heads + h) * Tokens + q) * Tokens + k, as a contiguous
/// TorchSharp tensor of that shape hands them out (<c>tensor.data&lt;float&gt;().ToArray()</c>).
/// </summary>
/// <param name="TokenLabels">Optional text of each of the Tokens positions, shown on the axes of a single heatmap.</param>
public sealed record AttentionWeights(float[] Values, int Layers, int Heads, int Tokens, IReadOnlyList<string>? TokenLabels = null)
{
    public float this[int layer, int head, int query, int key] => Values[((layer * Heads + head) * Tokens + query) * Tokens + key];

    internal void Validate()
    {
        if (Values is null || Values.Length == 0 || Layers <= 0 || Heads <= 0 || Tokens <= 0)
            throw new ArgumentException("Attention weights must not be empty (Layers, Heads and Tokens must be positive).", nameof(Values));
        var expected = (long)Layers * Heads * Tokens * Tokens;
        if (Values.Length != expected)
            throw new ArgumentException($"Expected {expected} values for shape ({Layers}, {Heads}, {Tokens}, {Tokens}) but got {Values.Length}.", nameof(Values));
        if (TokenLabels is not null && TokenLabels.Count != Tokens)
            throw new ArgumentException($"Expected {Tokens} token labels but got {TokenLabels.Count}.", nameof(TokenLabels));
    }
}
