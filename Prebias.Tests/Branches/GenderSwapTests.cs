using Prebias.Core.Branches;

namespace Prebias.Tests.Branches;

public sealed class GenderSwapTests
{
    [Theory]
    [InlineData("He said she was kind.", "She said he was kind.")]
    [InlineData("The boy gave his ball to her.", "The girl gave her ball to him.")]
    [InlineData("She loved her mom.", "He loved his dad.")]
    [InlineData("The king and the queen smiled at themselves.", "The queen and the king smiled at themselves.")]
    [InlineData("HE RAN. Mr. Bear saw him himself.", "SHE RAN. Mrs. Bear saw her herself.")]
    [InlineData("Lily's brother had a dog.", "Lily's sister had a dog.")]
    public void Apply_SwapsGenderedWords_KeepingCase(string input, string expected) =>
        Assert.Equal(expected, GenderSwap.Apply(input));

    [Fact]
    public void Apply_IsAnInvolution_OnUnambiguousWords()
    {
        const string text = "He and his brother met a girl and her mother.";
        Assert.Equal("She and her sister met a boy and his father.", GenderSwap.Apply(text));
    }
}
