using Prebias.Core.Evaluation.Association;

namespace Prebias.Tests.Evaluation;

/// <summary>PMI between word sets: a hand-counted value, the smoothing floor, and the permutation null.</summary>
public class PmiTableTests
{
    private static readonly Dictionary<string, IReadOnlySet<string>> Sets = new()
    {
        ["female"] = new HashSet<string> { "she", "her" },
        ["sad"] = new HashSet<string> { "cried", "sad" },
    };

    [Fact]
    public void Pmi_MatchesHandCount()
    {
        // 4 texts: A in texts 0,1; B in texts 0,2. n=4, nA=2, nB=2, nAB=1, floor 0.5:
        // log2((1 + 0.5) * 4 / ((2 + 0.5) * (2 + 0.5))) = log2(6 / 6.25).
        var value = PmiTable.Pmi([true, true, false, false], [true, false, true, false], 0.5, out var a, out var b, out var both);
        Assert.Equal((2, 2, 1), (a, b, both));
        Assert.Equal(Math.Log2(6 / 6.25), value, 12);
        // Without the floor: log2(1 * 4 / (2 * 2)) = 0, independence.
        Assert.Equal(0, PmiTable.Pmi([true, true, false, false], [true, false, true, false], 0, out _, out _, out _), 12);
    }

    [Fact]
    public void Compute_FindsAStrongAssociation_AndTheNullDoesNot()
    {
        // 40 texts: "she" appears with "cried" in 10, alone in none; 30 neutral texts.
        var texts = new List<IReadOnlyList<string>>();
        for (var i = 0; i < 10; i++) texts.Add(["she", "cried", "today"]);
        for (var i = 0; i < 30; i++) texts.Add(["the", "dog", "ran"]);
        var cell = PmiTable.Compute(texts, Sets, [("female", "sad")], floor: 0.5, permutations: 199, seed: 3).Single();
        Assert.Equal((40, 10, 10, 10), (cell.Units, cell.CountA, cell.CountB, cell.CountBoth));
        Assert.Equal(Math.Log2(10.5 * 40 / (10.5 * 10.5)), cell.Pmi, 12);
        Assert.True(cell.NullMean < cell.Pmi - 1, $"null mean {cell.NullMean} vs observed {cell.Pmi}");
        Assert.Equal(1.0 / 200, cell.PValue, 12); // no shuffle reaches the observed PMI
    }

    [Fact]
    public void Compute_DoesNotOverReadOneCoOccurrence()
    {
        // One text of 4 holds both: the floor pulls PMI toward 0 and the null says it is ordinary.
        IReadOnlyList<IReadOnlyList<string>> texts = [["she", "sad"], ["a"], ["b"], ["c"]];
        var cell = PmiTable.Compute(texts, Sets, [("female", "sad")], floor: 0.5, permutations: 199, seed: 1).Single();
        Assert.Equal(Math.Log2(1.5 * 4 / (1.5 * 1.5)), cell.Pmi, 12); // unsmoothed it would be log2(4) = 2 bits
        Assert.True(cell.PValue > 0.1, $"p = {cell.PValue}");
    }
}
