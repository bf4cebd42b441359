namespace Prebias.Core.Datasets;

/// <summary>Progress after each chunk: documents done (and the total when known) and tokens so far.</summary>
public readonly record struct PretokenizeProgress(long DocumentsDone, long? DocumentsTotal, long TokensDone);
