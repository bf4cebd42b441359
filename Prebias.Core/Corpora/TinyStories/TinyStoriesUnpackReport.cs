using Prebias.Core.Corpora.Import;

namespace Prebias.Core.Corpora.TinyStories;

/// <summary>The shards read (in order) and the import report over all of them.</summary>
public sealed record TinyStoriesUnpackReport(IReadOnlyList<string> Shards, CorpusImportReport Import);
