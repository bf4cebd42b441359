namespace Prebias.Core.Runs;

/// <summary>
/// The model of a run: a llama2.c preset plus any field overridden. <c>vocabSize</c> defaults to the tokenizer's and
/// <c>maxSeqLen</c> to the dataset's context length.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>stories260k (default), tiny1m, stories15m, stories42m or stories110m.</summary>
    public string Preset { get; init; } = "stories260k";
    public int? Dim { get; init; }
    public int? NLayers { get; init; }
    public int? NHeads { get; init; }
    public int? NKvHeads { get; init; }
    public int? VocabSize { get; init; }
    public int? HiddenDim { get; init; }
    public int? MultipleOf { get; init; }
    public int? MaxSeqLen { get; init; }
    public double? Dropout { get; init; }
}
