namespace Prebias.Core.Tokenization;

/// <summary>A required command-line tool (e.g. spm_train) is not installed.</summary>
public sealed class ExternalToolMissingException(string executable, Exception? inner = null)
    : Exception($"'{executable}' could not be started: it is not installed or not on PATH. "
        + "SentencePiece tools come from the Debian package 'sentencepiece' (apt-get install sentencepiece).", inner)
{
    public string Executable { get; } = executable;
}
