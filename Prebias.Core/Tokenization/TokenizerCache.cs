using System.Collections.Concurrent;
using Prebias.Core.Domain;
using Prebias.Core.Storage;

namespace Prebias.Core.Tokenization;

/// <summary>Loaded tokenizers by id: a model is parsed once per process (they are immutable and thread-safe).</summary>
public sealed class TokenizerCache(IArtifactStore store)
{
    private readonly ConcurrentDictionary<Guid, Lazy<ITextTokenizer>> _loaded = new();

    public ITextTokenizer Get(TokenizerRecord record) => _loaded.GetOrAdd(record.Id, _ => new Lazy<ITextTokenizer>(() =>
        TokenizerFolder.Load(store, record))).Value;
}
