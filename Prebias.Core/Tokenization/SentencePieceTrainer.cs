using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Prebias.Core.Tokenization;

/// <summary>
/// Trains a SentencePiece vocabulary with Debian's <c>spm_train</c> using llama2.c's options
/// (see <see cref="SentencePieceTrainerOptions"/>). Output goes to <c>{outputPrefix}.model</c> and
/// <c>{outputPrefix}.vocab</c>, written under a temporary prefix and renamed on success, so a failed or cancelled run
/// leaves nothing behind. Failures become <see cref="SentencePieceTrainingException"/> with a readable message.
/// </summary>
public sealed partial class SentencePieceTrainer(SentencePieceTrainerOptions? options = null)
{
    private readonly SentencePieceTrainerOptions _options = options ?? new SentencePieceTrainerOptions();

    /// <summary>
    /// Writes the documents to a temporary text file as llama2.c does (<c>text.strip() + "\n"</c>; spm_train reads
    /// one sentence per line, so a document's inner newlines split it into several sentences), then trains.
    /// </summary>
    /// <returns>Path of the trained <c>.model</c>.</returns>
    public async Task<string> TrainAsync(IEnumerable<string> texts, int vocabSize, string outputPrefix, CancellationToken ct)
    {
        var corpusPath = outputPrefix + $".corpus-{Guid.NewGuid():N}.txt";
        try
        {
            var lines = 0L;
            await using (var writer = new StreamWriter(corpusPath, append: false, new UTF8Encoding(false)))
            {
                foreach (var text in texts)
                {
                    ct.ThrowIfCancellationRequested();
                    var trimmed = text.Trim();
                    if (trimmed.Length == 0) continue;
                    await writer.WriteAsync(trimmed);
                    await writer.WriteAsync('\n');
                    lines++;
                }
            }
            if (lines == 0) throw new ArgumentException("Cannot train a vocabulary on an empty corpus (no non-blank documents).", nameof(texts));
            return await TrainFromFileAsync(corpusPath, vocabSize, outputPrefix, ct);
        }
        finally
        {
            File.Delete(corpusPath);
        }
    }

    /// <summary>Trains on a UTF-8 text file with one sentence per line.</summary>
    /// <returns>Path of the trained <c>.model</c>.</returns>
    public async Task<string> TrainFromFileAsync(string textFile, int vocabSize, string outputPrefix, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, 1);
        if (!File.Exists(textFile)) throw new FileNotFoundException($"Training text not found: {textFile}", textFile);
        if (new FileInfo(textFile).Length == 0)
            throw new ArgumentException("Cannot train a vocabulary on an empty corpus file.", nameof(textFile));
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPrefix))!;
        Directory.CreateDirectory(directory);

        var tempPrefix = outputPrefix + $".tmp-{Guid.NewGuid():N}";
        try
        {
            var result = await ExternalTool.RunAsync(_options.Executable, BuildArguments(textFile, vocabSize, tempPrefix), ct);
            if (result.ExitCode != 0 || !File.Exists(tempPrefix + ".model"))
                throw new SentencePieceTrainingException(Explain(result.StandardErrorTail, vocabSize), result.StandardErrorTail);
            File.Move(tempPrefix + ".model", outputPrefix + ".model", overwrite: true);
            File.Move(tempPrefix + ".vocab", outputPrefix + ".vocab", overwrite: true);
            return outputPrefix + ".model";
        }
        finally
        {
            File.Delete(tempPrefix + ".model");
            File.Delete(tempPrefix + ".vocab");
        }
    }

    /// <summary>The spm_train argument list (one "--flag=value" per element).</summary>
    public IReadOnlyList<string> BuildArguments(string textFile, int vocabSize, string modelPrefix)
    {
        var inv = CultureInfo.InvariantCulture;
        var args = new List<string>
        {
            $"--input={textFile}",
            $"--model_prefix={modelPrefix}",
            $"--model_type={_options.ModelType}",
            $"--vocab_size={vocabSize}",
            "--self_test_sample_size=0",
            "--input_format=text",
            $"--character_coverage={_options.CharacterCoverage.ToString("R", inv)}",
            $"--num_threads={Math.Max(1, _options.NumThreads)}",
            "--split_digits=true",
            "--allow_whitespace_only_pieces=true",
            "--byte_fallback=true",
            $"--unk_surface={_options.UnknownSurface}",
            "--normalization_rule_name=identity",
            "--minloglevel=1", // errors and warnings only; spm's INFO log is thousands of lines
        };
        if (_options.MaxSentences is { } max)
        {
            args.Add($"--input_sentence_size={max}");
            args.Add("--shuffle_input_sentence=true");
        }
        args.AddRange(_options.ExtraArguments);
        return args;
    }

    /// <summary>Turns spm_train's stderr into a message for users.</summary>
    internal static string Explain(string stderr, int vocabSize)
    {
        // "Vocabulary size too high (100000). Please set it to a value <= 11991."
        var tooHigh = TooHighRegex().Match(stderr);
        if (tooHigh.Success)
            return $"Vocabulary size {vocabSize} is larger than this corpus supports: at most {tooHigh.Groups[1].Value} pieces "
                + "can be learned from it. Use a smaller vocabulary or a larger corpus.";
        // "Vocabulary size is smaller than required_chars. 5 vs 7."
        var tooSmall = TooSmallRegex().Match(stderr);
        if (tooSmall.Success)
            return $"Vocabulary size {vocabSize} is too small: the corpus needs at least {tooSmall.Groups[2].Value} pieces "
                + "(every distinct character plus the special pieces). Use a larger vocabulary.";
        var lastError = stderr.Split('\n').LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)
            || l.Contains("Internal:", StringComparison.Ordinal) || l.Contains("Check failed", StringComparison.Ordinal));
        return $"spm_train failed: {(lastError ?? stderr.Split('\n').LastOrDefault(l => l.Length > 0) ?? "no output").Trim()}";
    }

    [GeneratedRegex(@"Vocabulary size too high \(\d+\)\. Please set it to a value <= (\d+)")]
    private static partial Regex TooHighRegex();

    [GeneratedRegex(@"Vocabulary size is smaller than required_chars\. (\d+) vs (\d+)")]
    private static partial Regex TooSmallRegex();
}
