namespace Prebias.Core.Tokenization;

/// <summary>
/// Min-heap order that pops the highest score first and, on equal scores, the leftmost pair
/// (sentencepiece bpe_model.cc <c>SymbolPairComparator</c>).
/// </summary>
internal sealed class PairOrder : IComparer<(float Score, int Left)>
{
    public static readonly PairOrder Instance = new();

    public int Compare((float Score, int Left) x, (float Score, int Left) y) =>
        x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Left.CompareTo(y.Left);
}
