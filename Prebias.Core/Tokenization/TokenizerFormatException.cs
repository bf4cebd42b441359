namespace Prebias.Core.Tokenization;

/// <summary>A tokenizer file is corrupt, truncated or of an unsupported kind; the message says which.</summary>
public sealed class TokenizerFormatException(string message, Exception? inner = null) : Exception(message, inner);
