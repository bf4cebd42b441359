namespace Prebias.Core.Corpora.Sandbox;

/// <summary>
/// A corpus or tokenizer source was refused: a server path outside the import roots or not a regular file, a URL whose
/// host resolves to a private address, a response of the wrong type or size. An <see cref="IOException"/> so that every
/// job that already treats I/O failures as the resource's failure does so for these too; never retried.
/// </summary>
public sealed class UnsafeSourceException(string message, Exception? inner = null) : IOException(message, inner);
