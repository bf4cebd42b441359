namespace Prebias.Core.Corpora.Synthetic;

/// <summary>One generated story: its position in the corpus, its text and its ground truth.</summary>
public sealed record SyntheticStory(int Index, string Text, SyntheticStoryTruth Truth);
