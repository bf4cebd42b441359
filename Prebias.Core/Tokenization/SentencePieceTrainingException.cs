namespace Prebias.Core.Tokenization;

/// <summary>spm_train failed; <see cref="Exception.Message"/> is meant for users (e.g. a vocabulary larger than the corpus supports).</summary>
public sealed class SentencePieceTrainingException(string message, string toolOutput)
    : Exception(message)
{
    /// <summary>The last lines spm_train wrote to stderr.</summary>
    public string ToolOutput { get; } = toolOutput;
}
