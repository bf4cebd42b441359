using Prebias.Core.Tokenization;

namespace Prebias.Tests.Tokenization;

/// <summary>
/// Trains a 512-piece BPE vocabulary with the real spm_train (llama2.c options) once per test class.
/// Requires Debian's 'sentencepiece' package: without it the tests fail with ExternalToolMissingException.
/// </summary>
public sealed class SentencePieceFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "prebias-tok-" + Guid.NewGuid().ToString("N"));
    public string ModelPath { get; private set; } = "";
    public List<string> Corpus { get; } = TestCorpus.Sentences(600);

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var trainer = new SentencePieceTrainer(new SentencePieceTrainerOptions { NumThreads = 1 });
        ModelPath = await trainer.TrainAsync(Corpus, 512, Path.Combine(Directory, "tok512"), CancellationToken.None);
    }

    public SentencePieceTextTokenizer Load() => SentencePieceTextTokenizer.Load(ModelPath);

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
