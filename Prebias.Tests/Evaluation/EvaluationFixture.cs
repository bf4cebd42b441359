using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;

namespace Prebias.Tests.Evaluation;

/// <summary>
/// A synthetic corpus with a dialled association (every doctor is "he", every nurse "she") and a 512-piece BPE
/// vocabulary trained on it with the real spm_train, once per test class.
/// </summary>
public sealed class EvaluationFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "prebias-eval-" + Guid.NewGuid().ToString("N"));

    public static readonly SyntheticCorpusOptions CorpusOptions = new()
    {
        Seed = 11, Documents = 1500, OccupationShare = 1.0, MinSentences = 5, MaxSentences = 7, ProfanityRate = 0,
        OccupationHeShare = new Dictionary<string, double> { ["doctor"] = 1.0, ["nurse"] = 0.0 },
    };

    public IReadOnlyList<string> Stories { get; private set; } = [];
    public ITextTokenizer Tokenizer { get; private set; } = null!;

    /// <summary>2 layers, 4 heads over 2 kv heads, 512 pieces, 256 positions.</summary>
    public static ModelArgs TinyArgs { get; } = new()
    {
        Dim = 48, NLayers = 2, NHeads = 4, NKvHeads = 2, VocabSize = 512, MaxSeqLen = 256, MultipleOf = 16,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Stories = new SyntheticStoryGenerator(CorpusOptions).GenerateAll().Select(s => s.Text).ToList();
        var trainer = new SentencePieceTrainer(new SentencePieceTrainerOptions { NumThreads = 1 });
        var model = await trainer.TrainAsync(Stories, 512, Path.Combine(_directory, "tok512"), CancellationToken.None);
        Tokenizer = TextTokenizers.LoadSentencePiece(model);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
