namespace Prebias.Core.Corpora.TinyStories;

/// <summary>Unpacking progress: shards finished of the shards selected, documents written so far.</summary>
public sealed record TinyStoriesProgress(int ShardsDone, int ShardsTotal, int Documents);
