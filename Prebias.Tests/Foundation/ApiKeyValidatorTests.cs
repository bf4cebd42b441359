using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prebias.Api.Auth;
using Prebias.Tests.Corpora;

namespace Prebias.Tests.Foundation;

/// <summary>The key comes from an owner-only file or a salted PBKDF2 hash; an unsalted SHA-256 is refused.</summary>
public sealed class ApiKeyValidatorTests
{
    private static ApiKeyValidator Validator(ApiKeyOptions options) => new(Options.Create(options), NullLogger<ApiKeyValidator>.Instance);

    [Fact]
    public void KeyFile_IsRead_AndOnlyItsKeyIsValid()
    {
        using var temp = new TempDirectory();
        var file = temp.File("api-key");
        File.WriteAllText(file, "s3cret-key\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var validator = Validator(new ApiKeyOptions { ApiKeyFile = file, Pbkdf2Iterations = 1000 });
        Assert.True(validator.IsConfigured);
        Assert.True(validator.IsValid("s3cret-key"));
        Assert.True(validator.IsValid("s3cret-key")); // the remembered digest
        Assert.False(validator.IsValid("s3cret-key\n"));
        Assert.False(validator.IsValid("wrong"));
        Assert.False(validator.IsValid(""));
        Assert.False(validator.IsValid(null));
    }

    [Fact]
    public void Pbkdf2Hash_RoundTrips_IsSalted_AndValidates()
    {
        var first = ApiKeyHash.Create("k", 2000);
        var second = ApiKeyHash.Create("k", 2000);
        Assert.NotEqual(first.ToString(), second.ToString());
        Assert.StartsWith("pbkdf2-sha256$2000$", first.ToString());
        var parsed = ApiKeyHash.Parse(first.ToString());
        Assert.True(parsed.Matches("k"));
        Assert.False(parsed.Matches("K"));
        var validator = Validator(new ApiKeyOptions { ApiKeyHash = second.ToString() });
        Assert.True(validator.IsValid("k"));
        Assert.False(validator.IsValid("x"));
    }

    [Fact]
    public void UnsaltedSha256_IsRefused_AndNoKeyMeansNoWrites()
    {
        Assert.Throws<FormatException>(() => Validator(new ApiKeyOptions { ApiKeyHash = new string('a', 64) }));
        Assert.Throws<InvalidOperationException>(() => Validator(new ApiKeyOptions { ApiKeyFile = "/no/such/key" }));
        var none = Validator(new ApiKeyOptions());
        Assert.False(none.IsConfigured);
        Assert.False(none.IsValid("anything"));
    }
}
