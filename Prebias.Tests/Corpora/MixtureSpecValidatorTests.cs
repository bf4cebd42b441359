using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Mixtures;

namespace Prebias.Tests.Corpora;

/// <summary>A mixture request's own checks: each error names the part and field at fault.</summary>
public sealed class MixtureSpecValidatorTests
{
    private static Dictionary<string, string[]> Errors(int? size, params MixturePart[]? parts)
    {
        var errors = new Dictionary<string, string[]>();
        MixtureSpecValidator.Validate(new CorpusSourceSpec { Kind = "mixture", Parts = parts, Size = size }, errors);
        return errors;
    }

    [Fact]
    public void Validate_NamesThePartAndField_WhenAWeightOrIdIsBad()
    {
        var a = Guid.NewGuid();
        var errors = Errors(10, new(a, 1), new(a, 2), new(Guid.Empty, double.NaN), new(Guid.NewGuid(), -1));
        Assert.Equal(["source.parts[1].corpusId", "source.parts[2].corpusId", "source.parts[2].weight",
            "source.parts[3].weight"], errors.Keys.Order());
    }

    [Fact]
    public void Validate_AsksForPartsAndASize_WhenTheyAreMissingOrOutOfRange()
    {
        Assert.Equal(["source.parts", "source.size"], Errors(null, null).Keys.Order());
        Assert.Equal(["source.size"], Errors(0, new MixturePart(Guid.NewGuid(), 1)).Keys);
        var one = new MixturePart(Guid.NewGuid(), 1);
        Assert.Equal(["source.size"], Errors(MixtureSpecValidator.MaxSize + 1, one).Keys);
        var many = Enumerable.Range(0, MixtureSpecValidator.MaxParts + 1)
            .Select(_ => new MixturePart(Guid.NewGuid(), 1));
        Assert.Equal(["source.parts"], Errors(10, [.. many]).Keys);
        Assert.Empty(Errors(10, new MixturePart(Guid.NewGuid(), 0.5), new MixturePart(Guid.NewGuid(), 2)));
    }
}
