using Prebias.Core.Tokenization;

namespace Prebias.Tests.Tokenization;

public sealed class SentencePieceTrainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("prebias-spm-").FullName;

    [Fact]
    public async Task TrainAsync_ThrowsReadableError_WhenVocabularyLargerThanCorpusSupports()
    {
        var trainer = new SentencePieceTrainer(new SentencePieceTrainerOptions { NumThreads = 1 });
        var error = await Assert.ThrowsAsync<SentencePieceTrainingException>(() =>
            trainer.TrainAsync(TestCorpus.Sentences(50), 20000, Path.Combine(_directory, "big"), CancellationToken.None));
        Assert.Contains("Vocabulary size 20000 is larger than this corpus supports", error.Message);
        Assert.Matches(@"at most \d+ pieces", error.Message);
        Assert.Empty(Directory.GetFiles(_directory)); // no model, vocab, temp corpus left behind
    }

    [Fact]
    public async Task TrainAsync_ThrowsReadableError_WhenVocabularyCannotHoldAllCharacters()
    {
        // byte_fallback reserves 256 byte pieces + 3 specials, so 100 pieces can never fit.
        var trainer = new SentencePieceTrainer(new SentencePieceTrainerOptions { NumThreads = 1 });
        var error = await Assert.ThrowsAsync<SentencePieceTrainingException>(() =>
            trainer.TrainAsync(TestCorpus.Sentences(50), 100, Path.Combine(_directory, "small"), CancellationToken.None));
        Assert.Contains("Vocabulary size 100 is too small", error.Message);
    }

    [Fact]
    public async Task TrainAsync_ThrowsToolMissing_WhenExecutableAbsent()
    {
        var trainer = new SentencePieceTrainer(new SentencePieceTrainerOptions { Executable = "spm_train_does_not_exist" });
        var error = await Assert.ThrowsAsync<ExternalToolMissingException>(() =>
            trainer.TrainAsync(["some text"], 512, Path.Combine(_directory, "x"), CancellationToken.None));
        Assert.Contains("apt-get install sentencepiece", error.Message);
    }

    [Fact]
    public async Task TrainAsync_ThrowsArgumentError_WhenCorpusEmpty()
    {
        var trainer = new SentencePieceTrainer();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            trainer.TrainAsync(["", "   "], 512, Path.Combine(_directory, "empty"), CancellationToken.None));
    }

    [Fact]
    public void BuildArguments_ContainsLlama2cOptions_WhenDefaults()
    {
        var args = new SentencePieceTrainer(new SentencePieceTrainerOptions { NumThreads = 2 }).BuildArguments("in.txt", 4096, "out/tok");
        string[] expected =
        [
            "--input=in.txt", "--model_prefix=out/tok", "--model_type=bpe", "--vocab_size=4096", "--self_test_sample_size=0",
            "--input_format=text", "--character_coverage=1", "--num_threads=2", "--split_digits=true",
            "--allow_whitespace_only_pieces=true", "--byte_fallback=true", "--unk_surface= \u2047 ",
            "--normalization_rule_name=identity",
        ];
        Assert.All(expected, a => Assert.Contains(a, args));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
