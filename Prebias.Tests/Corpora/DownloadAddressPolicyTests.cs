using System.Net;
using Microsoft.Extensions.Options;
using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Sandbox;

namespace Prebias.Tests.Corpora;

public sealed class DownloadAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.3.4.5")]
    [InlineData("169.254.169.254")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:c0a8:101::1")]
    public void IsPublic_IsFalse_ForNonGlobalAddresses(string address) =>
        Assert.False(DownloadAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:1.1.1.1")]
    public void IsPublic_IsTrue_ForGlobalUnicast(string address) =>
        Assert.True(DownloadAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task ResolveAsync_RefusesLoopbackNames_UnlessAllowlisted()
    {
        var policy = new DownloadAddressPolicy(Options.Create(new DownloadOptions { AllowedHosts = ["127.0.0.1"] }));
        Assert.NotEmpty(await policy.ResolveAsync("127.0.0.1", CancellationToken.None));
        var refused = await Assert.ThrowsAsync<UnsafeSourceException>(() => policy.ResolveAsync("localhost", CancellationToken.None));
        Assert.Contains("localhost", refused.Message);
        await Assert.ThrowsAsync<UnsafeSourceException>(() => policy.ResolveAsync("169.254.169.254", CancellationToken.None));
        Assert.NotNull(policy.CheckLiteral(new Uri("http://[::1]:5432/")));
        Assert.NotNull(policy.CheckLiteral(new Uri("http://localhost/x")));
        Assert.Null(policy.CheckLiteral(new Uri("http://127.0.0.1:9/x")));
        Assert.Null(policy.CheckLiteral(new Uri("https://huggingface.co/x")));
    }
}
