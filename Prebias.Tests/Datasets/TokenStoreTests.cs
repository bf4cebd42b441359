using Prebias.Core.Datasets;

namespace Prebias.Tests.Datasets;

public sealed class TokenStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("prebias-store-").FullName;

    private string WriteStore(string name, int rowLength, int vocabSize, int padId, params int[][] rows)
    {
        var path = Path.Combine(_directory, name);
        using var writer = new TokenStoreWriter(path, rowLength, vocabSize, padId);
        foreach (var row in rows) writer.Append(row);
        writer.Commit();
        return path;
    }

    [Fact]
    public void Read_ReturnsPaddedRowsAndLengths_WhenWrittenAndReopened()
    {
        var path = WriteStore("a.bin", rowLength: 5, vocabSize: 512, padId: 2, [1, 10, 11], [1, 20, 21, 22, 23, 24, 25], [1]);
        using var store = TokenStore.Open(path);
        Assert.Equal(3, store.Count);
        Assert.Equal(5, store.RowLength);
        Assert.Equal([1, 10, 11, 2, 2], store.Read(0));
        Assert.Equal([1, 20, 21, 22, 23], store.Read(1)); // truncated to the row length
        Assert.Equal([1, 2, 2, 2, 2], store.Read(2));
        Assert.Equal([3, 5, 1], new[] { store.GetLength(0), store.GetLength(1), store.GetLength(2) });
        Assert.Equal([1, 10, 11], store.ReadTokens(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Read(3));
    }

    [Theory]
    [InlineData(65535, 2)]
    [InlineData(65536, 4)]
    public void Open_UsesUint16OnlyWhenVocabularyFits(int vocabSize, int elementSize)
    {
        var path = WriteStore("v.bin", rowLength: 4, vocabSize, padId: 0, [1, vocabSize - 1]);
        using var store = TokenStore.Open(path);
        Assert.Equal(elementSize, store.Header.ElementSize);
        Assert.Equal(64 + 4 * elementSize + 4, new FileInfo(path).Length); // header + one row + one length
        Assert.Equal([1, vocabSize - 1, 0, 0], store.Read(0));
    }

    [Fact]
    public void CopyBatch_FillsInt64RowsAndLengths_WhenIndicesGiven()
    {
        var path = WriteStore("b.bin", rowLength: 3, vocabSize: 100, padId: 0, [1, 5], [1, 6, 7], [1]);
        using var store = TokenStore.Open(path);
        var buffer = new long[2 * 3];
        var lengths = new int[2];
        store.CopyBatch([2, 1], buffer, lengths);
        Assert.Equal([1L, 0, 0, 1, 6, 7], buffer);
        Assert.Equal([1, 3], lengths);
    }

    [Fact]
    public void Dispose_LeavesNoFile_WhenNotCommitted()
    {
        var path = Path.Combine(_directory, "never.bin");
        using (var writer = new TokenStoreWriter(path, 4, 100, 0)) writer.Append([1, 2]);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Append_Throws_WhenIdOutsideVocabulary()
    {
        using var writer = new TokenStoreWriter(Path.Combine(_directory, "bad.bin"), 4, 100, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Append([1, 100]));
    }

    [Fact]
    public void Open_Throws_WhenFileTruncated()
    {
        var path = WriteStore("t.bin", rowLength: 4, vocabSize: 100, padId: 0, [1, 2], [1, 3]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        Assert.Throws<InvalidDataException>(() => TokenStore.Open(path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
