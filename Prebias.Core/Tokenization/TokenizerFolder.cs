using Prebias.Core.Domain;
using Prebias.Core.Storage;

namespace Prebias.Core.Tokenization;

/// <summary>
/// The tokenizer folder (<c>tokenizers/{id}</c>) in one place: the sentencepiece model (and, when trained here,
/// its vocabulary listing), written whole through the artifact store, and the one way to load it. GPT-2 has no
/// folder: its vocabulary ships with the tokenizer package.
/// </summary>
public static class TokenizerFolder
{
    /// <summary>The sentencepiece model proto; <see cref="TokenizerRecord.ModelKey"/> names it.</summary>
    public const string Model = "tokenizer.model";

    /// <summary>The piece list sentencepiece writes next to a model it trains (for people; nothing reads it).</summary>
    public const string Vocab = "tokenizer.vocab";

    /// <summary>Suffix of the scratch file a URL download resumes from.</summary>
    public const string DownloadSuffix = ".download";

    /// <summary>
    /// Writes the folder whole: <paramref name="writeModel"/> gets the local path of the model to create, in an empty
    /// folder that replaces the tokenizer's only when it returns.
    /// </summary>
    public static Task WriteAsync(IArtifactStore store, TokenizerRecord record, Func<string, Task> writeModel) =>
        store.WriteFolderAsync(record.ArtifactKey, async folder =>
        {
            await writeModel(Path.Combine(folder, Model));
            return true;
        });

    /// <summary>Loads the tokenizer (sentencepiece's native reader takes a local path).</summary>
    public static ITextTokenizer Load(IArtifactStore store, TokenizerRecord record) =>
        record.Kind == "gpt2" ? TextTokenizers.Gpt2() : TextTokenizers.LoadSentencePiece(ModelPath(store, record)!);

    /// <summary>Local path of the sentencepiece model for native readers and copies, or null for GPT-2.</summary>
    public static string? ModelPath(IArtifactStore store, TokenizerRecord record) =>
        record.Kind == "gpt2" ? null : store.GetPathForMappedRead(record.ModelKey);

    /// <summary>The local scratch file a URL download resumes from across retries.</summary>
    public static string DownloadPath(IArtifactStore store, TokenizerRecord record) =>
        store.GetScratchPath(record.ArtifactKey + DownloadSuffix);
}
