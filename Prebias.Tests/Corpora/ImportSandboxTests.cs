using System.Diagnostics;
using Microsoft.Extensions.Options;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Storage;

namespace Prebias.Tests.Corpora;

/// <summary>Server paths: only regular files inside the import roots, symlinks resolved, FIFOs and devices refused
/// without blocking, a size limit, and reads that see the cancellation token.</summary>
public sealed class ImportSandboxTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _outside = new();

    private ImportSandbox Sandbox(long maxBytes = 1 << 20) => new(
        Options.Create(new ImportSandboxOptions { Roots = [_root.Path], MaxBytes = maxBytes }),
        Options.Create(new ArtifactStoreOptions { Path = _outside.File("artifacts") }));

    [Fact]
    public void Resolve_AcceptsRegularFilesInsideRoot_AbsoluteRelativeAndThroughInnerSymlinks()
    {
        File.WriteAllText(_root.File("a.jsonl"), "{\"story\": \"A.\"}\n");
        File.CreateSymbolicLink(_root.File("link.jsonl"), _root.File("a.jsonl"));
        var sandbox = Sandbox();
        Assert.Equal(_root.File("a.jsonl"), sandbox.Resolve(_root.File("a.jsonl")));
        Assert.Equal(_root.File("a.jsonl"), sandbox.Resolve("a.jsonl"));
        Assert.Equal(_root.File("a.jsonl"), sandbox.Resolve(_root.File("link.jsonl")));
    }

    [Fact]
    public void Resolve_RefusesEverythingElse_AlikeWhetherOrNotItExists()
    {
        File.WriteAllText(_outside.File("secret.txt"), "the key");
        File.CreateSymbolicLink(_root.File("escape.txt"), _outside.File("secret.txt"));
        File.CreateSymbolicLink(_root.File("zero"), "/dev/zero");
        Directory.CreateDirectory(_root.File("folder"));
        var sandbox = Sandbox();
        foreach (var path in new[]
                 {
                     "/proc/self/environ", "/etc/passwd", _outside.File("secret.txt"), _outside.File("missing.txt"), "/dev/zero",
                     _root.File("escape.txt"), _root.File("zero"), _root.File("folder"), _root.File("missing.txt"),
                     _root.File("../" + Path.GetFileName(_outside.Path) + "/secret.txt"), "../../etc/passwd", "", "a\0b",
                 })
            Assert.True(sandbox.Resolve(path) is null, $"'{path}' was accepted");
        Assert.Throws<UnsafeSourceException>(() => sandbox.OpenRead(_outside.File("secret.txt")));
        Assert.Equal(
            Assert.Throws<UnsafeSourceException>(() => sandbox.OpenRead(_outside.File("secret.txt"))).Message,
            Assert.Throws<UnsafeSourceException>(() => sandbox.OpenRead(_outside.File("missing.txt"))).Message);
    }

    [Fact]
    public async Task OpenRead_RefusesFifoAtOnce_InsteadOfBlockingInOpen()
    {
        var fifo = _root.File("pipe.jsonl");
        using (var mkfifo = Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync();
        var sandbox = Sandbox();
        Assert.NotNull(sandbox.Resolve(fifo)); // inside the root: only opening it tells that it is not a file
        var stopwatch = Stopwatch.StartNew();
        // Without O_NONBLOCK open() would wait for a writer forever; the timeout turns that into a failure.
        var open = Task.Run(() => sandbox.OpenRead(fifo)).WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<UnsafeSourceException>(() => open);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void RegularFileOpenRead_RefusesDevices_AndImportOfADeviceFails()
    {
        Assert.Throws<UnsafeSourceException>(() => RegularFile.OpenRead("/dev/zero"));
        Assert.Throws<UnsafeSourceException>(() => RegularFile.OpenRead("/dev/null"));
        using var corpus = new TempDirectory();
        Assert.Throws<UnsafeSourceException>(() => CorpusFileImporter.ImportToDirectory("/dev/zero", corpus.File("c")));
        Assert.False(Directory.Exists(corpus.File("c")) && File.Exists(Path.Combine(corpus.File("c"), "corpus.json")));
    }

    [Fact]
    public void Import_FailsPastTheSizeLimit()
    {
        var path = _root.File("big.txt");
        File.WriteAllLines(path, Enumerable.Range(0, 2000).Select(i => $"Story {i} is here.\n\n<|endoftext|>"));
        using var corpus = new TempDirectory();
        var sandbox = Sandbox(maxBytes: 4096);
        using var input = sandbox.OpenRead(path);
        var error = Assert.Throws<UnsafeSourceException>(() =>
            CorpusFileImporter.ImportToDirectory(input, "big.txt", corpus.File("c"), new CorpusImportOptions { MaxInputBytes = sandbox.MaxBytes }));
        Assert.Contains("4,096 bytes", error.Message);
    }

    [Fact]
    public async Task Import_OfAnEndlessStream_StopsWhenCancelled()
    {
        using var corpus = new TempDirectory();
        // /dev/zero opened directly (the sandbox would refuse it): the input never ends, only the token stops it.
        await using var zeros = new FileStream("/dev/zero", FileMode.Open, FileAccess.Read);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();
        var import = Task.Run(() => CorpusFileImporter.ImportToDirectory(zeros, "zero.txt", corpus.File("c"),
            new CorpusImportOptions { MaxDocumentChars = int.MaxValue / 4 }, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }
}
