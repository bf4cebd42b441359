using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public class OrderHashTests
{
    // Expected values from the shell: printf '\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00' | sha256sum
    [Fact]
    public void Compute_MatchesSha256sumOfLittleEndianBytes_WhenOneTwoThree() =>
        Assert.Equal("4636993d3e1da4e9d6b8f87b79e8f7c6d018580d52661950eabc3845c5897a4d", new CompiledOrder([1, 2, 3], 3, 1).Hash);

    // printf '\x07\x00\x00\x00\xff\xff\xff\xff\x00\x01\x00\x00' | sha256sum
    [Fact]
    public void Compute_MatchesSha256sum_WhenNegativeAndMultiByteIds() =>
        Assert.Equal("9692c8a3706bdd7b1a25c335c5e558367326241e60ddd9673ea950cfe545340f", OrderHash.Compute([7, -1, 256]));

    [Fact]
    public void Compute_IsSha256OfNothing_WhenEmpty() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", OrderHash.Compute([]));

    [Fact]
    public void Compute_SameAsOneShotHash_WhenLongerThanOneChunk()
    {
        var ids = Enumerable.Range(0, (1 << 20) + 3).ToArray();
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), OrderHash.Compute(ids));
    }
}
