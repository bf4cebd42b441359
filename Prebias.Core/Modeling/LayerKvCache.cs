using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// Keys and values of one attention layer for incremental decoding, each (B, n_kv_heads, maxLen, head_dim): heads
/// first, so the positions seen so far are one strided slab per head that a batched matmul reads in place (no copy of
/// the whole cache per generated token). Positions [0, filled) hold the keys/values of the tokens already seen.
/// </summary>
public sealed class LayerKvCache : IDisposable
{
    private readonly Tensor _keys;
    private readonly Tensor _values;

    public LayerKvCache(long batch, long maxLen, long kvHeads, long headDim, ScalarType dtype, Device device)
    {
        _keys = zeros([batch, kvHeads, maxLen, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
        _values = zeros([batch, kvHeads, maxLen, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
    }

    /// <summary>Cache capacity in positions.</summary>
    public long MaxLength => _keys.shape[2];

    /// <summary>
    /// Writes keys/values (B, T, n_kv, hd) at positions [startPos, startPos+T) and returns views of all keys and values
    /// so far, each (B, n_kv, startPos+T, hd).
    /// </summary>
    public (Tensor Keys, Tensor Values) Append(Tensor keys, Tensor values, long startPos)
    {
        var length = keys.shape[1];
        if (startPos + length > MaxLength)
            throw new InvalidOperationException($"KV cache holds {MaxLength} positions; asked for {startPos + length}.");
        using (no_grad())
        {
            _keys.narrow(2, startPos, length).copy_(keys.transpose(1, 2));   // (B, n_kv, T, hd)
            _values.narrow(2, startPos, length).copy_(values.transpose(1, 2));
        }
        return (_keys.narrow(2, 0, startPos + length), _values.narrow(2, 0, startPos + length));
    }

    public void Dispose()
    {
        _keys.Dispose();
        _values.Dispose();
    }
}
