using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// The Llama 2 decoder of llama2.c's model.py: token embeddings (tied to the output projection), dropout, n_layers
/// <see cref="TransformerBlock"/>s, final RMSNorm and the vocabulary projection. Parameter names match llama2.c
/// (<c>tok_embeddings.weight</c>, <c>layers.0.attention.wq.weight</c>, ..., <c>norm.weight</c>, <c>output.weight</c>).
/// Construct outside any dispose scope: the model owns its parameters for its whole life.
/// </summary>
public sealed partial class Transformer : nn.Module
{
    private const double InitStd = 0.02;

    private readonly Embedding tok_embeddings;
    private readonly Dropout dropout;
    private readonly ModuleList<TransformerBlock> layers;
    private readonly RmsNorm norm;
    private readonly Linear output;

    // Rotary tables (max_seq_len, head_dim/2); not parameters and not saved, like llama2.c's non-persistent buffers.
    private Tensor _freqsCos;
    private Tensor _freqsSin;

    /// <summary>Builds the model on the CPU with llama2.c's initialisation; <paramref name="seed"/> makes it reproducible.</summary>
    public Transformer(ModelArgs args, long? seed = null) : base(nameof(Transformer))
    {
        args.Validate();
        Args = args;
        tok_embeddings = nn.Embedding(args.VocabSize, args.Dim);
        dropout = nn.Dropout(args.Dropout);
        layers = new ModuleList<TransformerBlock>(
            Enumerable.Range(0, args.NLayers).Select(i => new TransformerBlock(i, args)).ToArray());
        norm = new RmsNorm(args.Dim, args.NormEps);
        output = nn.Linear(args.Dim, args.VocabSize, hasBias: false);
        // Weight tying (Press & Wolf 2017), as llama2.c: one (vocab, dim) matrix embeds tokens and scores them.
        output.weight = tok_embeddings.weight!;
        RegisterComponents();

        (_freqsCos, _freqsSin) = RotaryEmbedding.Precompute(args.HeadDim, args.MaxSeqLen);
        _freqsCos.DetachFromDisposeScope();
        _freqsSin.DetachFromDisposeScope();
        Initialise(seed);
    }

    /// <summary>The arguments this model was built from.</summary>
    public ModelArgs Args { get; }

    /// <summary>The device the parameters live on.</summary>
    public Device Device => tok_embeddings.weight!.device;

    /// <summary>Rotary cosine table (max_seq_len, head_dim/2), as exported to llama2.c's model.bin.</summary>
    public Tensor FreqsCos => _freqsCos;

    /// <summary>Rotary sine table (max_seq_len, head_dim/2).</summary>
    public Tensor FreqsSin => _freqsSin;

    /// <summary>The blocks, in order.</summary>
    public IReadOnlyList<TransformerBlock> Layers => layers.ToList();

    /// <summary>Number of distinct parameters elements (the tied embedding/output matrix counted once).</summary>
    public long ParameterCount => UniqueParameters().Sum(p => p.numel());

    /// <summary>Parameters with the tied matrix listed once, in registration order, with llama2.c's names.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> UniqueNamedParameters() =>
        // output.weight is the same autograd variable as tok_embeddings.weight (TorchSharp hands out a second wrapper
        // with its own handle, so identity cannot be compared): skip it by name, as PyTorch's dedup keeps the first.
        named_parameters().Where(np => np.name != TiedOutputName).Select(np => (np.name, np.parameter)).ToList();

    /// <summary>Name of the output projection, tied to <c>tok_embeddings.weight</c>.</summary>
    public const string TiedOutputName = "output.weight";

    /// <summary>Parameters with the tied matrix listed once.</summary>
    public IEnumerable<Parameter> UniqueParameters() => UniqueNamedParameters().Select(np => np.Parameter);

    /// <summary>Moves the model (and its rotary tables) to <paramref name="device"/>, keeping the output tied to the embedding.</summary>
    public Transformer MoveTo(Device device)
    {
        if (Device.type == device.type && Device.index == device.index) return this;
        this.to(device);
        output.weight = tok_embeddings.weight!; // .to() moves each module's parameters separately; re-tie them.
        var (oldCos, oldSin) = (_freqsCos, _freqsSin);
        _freqsCos = oldCos.to(device).DetachFromDisposeScope();
        _freqsSin = oldSin.to(device).DetachFromDisposeScope();
        oldCos.Dispose();
        oldSin.Dispose();
        return this;
    }

    /// <summary>A key/value cache for incremental decoding of <paramref name="batch"/> sequences up to <paramref name="maxLen"/> tokens.</summary>
    public KvCache CreateKvCache(long batch, long maxLen) =>
        new(Args, batch, Math.Min(maxLen, Args.MaxSeqLen), tok_embeddings.weight!.dtype, Device);

    private void Initialise(long? seed)
    {
        using var generator = seed is { } s ? new Generator((ulong)s) : null;
        using var noGrad = no_grad();
        // llama2.c _init_weights: every Linear and Embedding weight ~ N(0, 0.02).
        foreach (var (_, module) in named_modules())
        {
            if (module is Linear linear) FillNormal(linear.weight!, InitStd, generator);
            else if (module is Embedding embedding) FillNormal(embedding.weight!, InitStd, generator);
        }
        // GPT-2's scaled init of the residual projections: N(0, 0.02/sqrt(2·n_layers)) for wo and w3.
        var residualStd = InitStd / Math.Sqrt(2.0 * Args.NLayers);
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("w3.weight", StringComparison.Ordinal) || name.EndsWith("wo.weight", StringComparison.Ordinal))
                FillNormal(parameter, residualStd, generator);
        }
    }

    // In-place N(0, std²). nn.init.normal_ ignores its generator argument in TorchSharp 0.107, so draw with randn.
    private static void FillNormal(Tensor parameter, double std, Generator? generator)
    {
        using var sample = randn(parameter.shape, dtype: parameter.dtype, device: parameter.device, generator: generator);
        parameter.copy_(sample.mul_(std));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _freqsCos.Dispose();
            _freqsSin.Dispose();
        }
        base.Dispose(disposing);
    }
}
