using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>One <see cref="LayerKvCache"/> per transformer block; create with <see cref="Transformer.CreateKvCache"/>.</summary>
public sealed class KvCache : IDisposable
{
    private readonly LayerKvCache[] _layers;

    public KvCache(ModelArgs args, long batch, long maxLen, ScalarType dtype, Device device)
    {
        _layers = Enumerable.Range(0, args.NLayers)
            .Select(_ => new LayerKvCache(batch, maxLen, args.EffectiveKvHeads, args.HeadDim, dtype, device))
            .ToArray();
    }

    /// <summary>The cache of block <paramref name="layer"/>.</summary>
    public LayerKvCache this[int layer] => _layers[layer];

    public void Dispose()
    {
        foreach (var layer in _layers) layer.Dispose();
    }
}
