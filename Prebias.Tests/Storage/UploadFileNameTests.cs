using Prebias.Core.Storage;

namespace Prebias.Tests.Storage;

public sealed class UploadFileNameTests
{
    [Theory]
    [InlineData("..", "upload")]
    [InlineData(".", "upload")]
    [InlineData("", "upload")]
    [InlineData(null, "upload")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\win.ini", "win.ini")]
    [InlineData("stories.jsonl", "stories.jsonl")]
    [InlineData(".hidden.txt", "hidden.txt")]
    [InlineData("my stories (2).json", "my_stories__2_.json")]
    [InlineData("ünïcödé.txt", "_n_c_d_.txt")]
    [InlineData("???", "upload")]
    public void Sanitize_GivesASafeLastSegment(string? name, string expected) =>
        Assert.Equal(expected, UploadFileName.Sanitize(name));

    [Fact]
    public void Sanitize_CapsLength_KeepingTheExtension()
    {
        var name = UploadFileName.Sanitize(new string('a', 500) + ".jsonl");
        Assert.Equal(100, name.Length);
        Assert.EndsWith(".jsonl", name);
    }
}
