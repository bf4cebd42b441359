using System.Security.Cryptography;
using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public sealed class OrderFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("prebias-order-").FullName;
    private string PathOf(string name) => Path.Combine(_folder, name);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CompiledOrder Sample() =>
        new([5, -3, 70000, 5, 9], eligibleCount: 4, epochs: 2, excludedMissing: 1, excludedByFilter: 6, prefixLength: 2);

    [Fact]
    public void Load_ReturnsSameOrder_WhenSaved()
    {
        var order = Sample();
        OrderFile.Save(order, PathOf("order.bin"));
        var loaded = OrderFile.Load(PathOf("order.bin"));
        Assert.Equal(order.SampleIds, loaded.SampleIds);
        Assert.Equal(order.Hash, loaded.Hash);
        Assert.Equal((4, 2, 1, 6, 2L), (loaded.EligibleCount, loaded.Epochs, loaded.ExcludedMissing, loaded.ExcludedByFilter, loaded.PrefixLength));
        Assert.Equal(["order.bin"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_WritesHeaderAndLittleEndianBody_WhenFiveIds()
    {
        OrderFile.Save(Sample(), PathOf("order.bin"));
        var bytes = File.ReadAllBytes(PathOf("order.bin"));
        Assert.Equal(72 + 5 * 4, bytes.Length);
        Assert.Equal("PBORDER1"u8.ToArray(), bytes[..8]);
        Assert.Equal(5L, BitConverter.ToInt64(bytes, 8));
        Assert.Equal([0xFD, 0xFF, 0xFF, 0xFF], bytes[76..80]); // -3
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes[72..])), Convert.ToHexStringLower(bytes[40..72]));
    }

    [Fact]
    public void Load_ThrowsDamaged_WhenBodyByteFlipped()
    {
        OrderFile.Save(Sample(), PathOf("order.bin"));
        var bytes = File.ReadAllBytes(PathOf("order.bin"));
        bytes[80] ^= 1;
        File.WriteAllBytes(PathOf("order.bin"), bytes);
        Assert.Contains("is damaged", Assert.Throws<InvalidDataException>(() => OrderFile.Load(PathOf("order.bin"))).Message);
    }

    [Fact]
    public void Load_Throws_WhenTruncatedOrNotAnOrderFile()
    {
        OrderFile.Save(Sample(), PathOf("order.bin"));
        var bytes = File.ReadAllBytes(PathOf("order.bin"));
        File.WriteAllBytes(PathOf("short.bin"), bytes[..^4]);
        File.WriteAllBytes(PathOf("other.bin"), new byte[100]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => OrderFile.Load(PathOf("short.bin"))).Message);
        Assert.Contains("not an order file", Assert.Throws<InvalidDataException>(() => OrderFile.Load(PathOf("other.bin"))).Message);
    }

    [Fact]
    public void Save_ReplacesExistingFile_WhenPathExists()
    {
        OrderFile.Save(new CompiledOrder([1], 1, 1), PathOf("order.bin"));
        OrderFile.Save(Sample(), PathOf("order.bin"));
        Assert.Equal(Sample().SampleIds, OrderFile.Load(PathOf("order.bin")).SampleIds);
    }
}
