using Microsoft.Extensions.Options;
using Prebias.Core.Storage;
using Prebias.Tests.Corpora;

namespace Prebias.Tests.Storage;

public sealed class FileArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FileArtifactStore _store;

    public FileArtifactStoreTests() =>
        _store = new FileArtifactStore(Options.Create(new ArtifactStoreOptions { Path = _root.Path }));

    [Fact]
    public void WriteFolder_replaces_the_old_folder_whole_and_leaves_no_temporary()
    {
        _store.WriteFolder("things/a", folder => File.WriteAllText(Path.Combine(folder, "old.txt"), "old"));
        _store.WriteFolder("things/a", folder => File.WriteAllText(Path.Combine(folder, "new.txt"), "new"));

        var folder = _store.GetPathForMappedRead("things/a");
        Assert.Equal(["new.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal(["a"], Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_WriteFolder_keeps_the_old_folder_and_removes_its_temporary()
    {
        _store.WriteFolder("things/a", folder => File.WriteAllText(Path.Combine(folder, "old.txt"), "old"));

        Assert.Throws<InvalidOperationException>(() => _store.WriteFolder("things/a", folder =>
        {
            File.WriteAllText(Path.Combine(folder, "half.txt"), "half");
            throw new InvalidOperationException("writer failed");
        }));

        var folder = _store.GetPathForMappedRead("things/a");
        Assert.Equal(["old.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!));
    }

    [Fact]
    public async Task WriteAtomic_then_OpenRead_and_CopyFolder_round_trip()
    {
        _store.WriteAtomic("runs/r/ckpt/a.bin", stream => stream.Write([1, 2, 3]));
        await _store.WriteAtomicAsync("runs/r/ckpt/b.bin",
            (stream, ct) => stream.WriteAsync(new byte[] { 4 }, ct).AsTask(), CancellationToken.None);

        _store.CopyFolder("runs/r/ckpt", "runs/s/ckpt");

        using var copied = _store.OpenRead("runs/s/ckpt/a.bin");
        var bytes = new byte[4];
        Assert.Equal(3, copied.Read(bytes));
        Assert.Equal([1, 2, 3], bytes[..3]);
        Assert.True(_store.Exists("runs/s/ckpt/b.bin"));
    }

    [Fact]
    public void UpdateFolder_refuses_a_folder_that_was_never_written()
    {
        Assert.Throws<DirectoryNotFoundException>(() => _store.UpdateFolder("runs/none", _ => { }));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("runs/../../outside")]
    [InlineData("../{root}-sibling/file")]
    public void Keys_that_escape_the_store_are_refused(string key)
    {
        key = key.Replace("{root}", Path.GetFileName(_root.Path));
        Assert.Throws<ArgumentException>(() => _store.GetPathForMappedRead(key));
        Assert.Throws<ArgumentException>(() => _store.WriteAtomic(key, _ => { }));
    }

    public void Dispose() => _root.Dispose();
}
