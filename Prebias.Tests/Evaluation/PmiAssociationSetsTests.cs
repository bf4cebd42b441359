using Prebias.Core.Evaluation.Association;

namespace Prebias.Tests.Evaluation;

public sealed class PmiAssociationSetsTests
{
    [Fact]
    public void Named_SplitsAfinnBySign_AndGenderBySide()
    {
        var sets = AssociationSets.Named;
        Assert.Contains("good", sets["afinn_positive"]);
        Assert.Contains("bad", sets["afinn_negative"]);
        Assert.Empty(sets["afinn_positive"].Intersect(sets["afinn_negative"]));
        Assert.Contains("she", sets["gender_female"]);
        Assert.Contains("mother", sets["gender_female"]);
        Assert.Contains("him", sets["gender_male"]);
        Assert.Empty(sets["gender_female"].Intersect(sets["gender_male"]));
        Assert.Contains("doctor", sets["occupations"]);
        Assert.All(sets.Values.SelectMany(s => s), w => Assert.DoesNotContain(' ', w));
    }

    [Fact]
    public void Resolve_NamesTheField_ForUnknownSetsAndBadUserSets()
    {
        Assert.Empty(AssociationSets.Resolve("gender_female,gender_male", "mine", ["mine:Cat, dog"], out var sets,
            out var pairs));
        Assert.Equal(["cat", "dog"], sets["mine"].Order());
        Assert.Equal([("gender_female", "mine"), ("gender_male", "mine")], pairs);
        Assert.Equal(["a"], AssociationSets.Resolve("x; drop", "gender_male", null, out _, out _).Keys);
        Assert.Equal(["a"], AssociationSets.Resolve("gender_male,nope", "occupations", null, out _, out _).Keys);
        Assert.Equal(["b"], AssociationSets.Resolve("gender_male", null, null, out _, out _).Keys);
        Assert.Equal(["set"], AssociationSets.Resolve("gender_male", "occupations", ["gender_male:x"], out _, out _)
            .Keys);
    }

    [Fact]
    public void Row_CountsDocumentsHoldingEachSet_AndIsNullWithoutDocuments()
    {
        var sets = AssociationSets.Named;
        (string, string)[] pair = [("gender_female", "afinn_negative")];
        var row = AssociationQuery.Rows(4, "data", ["She was sad.", "He was happy.", "The mother cried, bad day."],
            pair, sets, seed: 1).Single();
        Assert.Equal((2, 2, 2, 3), (row.CountA, row.CountB, row.CountAB, row.Documents));
        Assert.True(row.Pmi > 0);
        var empty = AssociationQuery.Rows(0, "data", [], pair, sets, seed: 1).Single();
        Assert.Null(empty.Pmi);
        Assert.Equal(0, empty.Documents);
    }
}
