using Microsoft.Extensions.DependencyInjection;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>The start-up sweep: leftovers older than a day go; fresh entries, Ready resources and the inputs of a
/// pending import stay.</summary>
[Collection(ApiCollection.Name)]
public sealed class ArtifactSweepTests(ApiFixture api)
{
    [Fact]
    public async Task Sweep_RemovesOldOrphans_AndKeepsWhatIsInUseOrFresh()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrebiasDbContext>();
        var pending = new CorpusRecord { Id = Guid.NewGuid(), Name = "pending", SourceKind = "url", Source = "{}", CreatedAt = DateTimeOffset.UtcNow };
        var failed = new CorpusRecord { Id = Guid.NewGuid(), Name = "failed", SourceKind = "url", Source = "{}", CreatedAt = DateTimeOffset.UtcNow, State = ResourceState.Failed };
        db.Corpora.AddRange(pending, failed);
        await db.SaveChangesAsync();

        var root = api.ArtifactsPath;
        string Make(string relative, bool old, bool folder = true)
        {
            var path = Path.Combine(root, relative);
            if (folder)
            {
                Directory.CreateDirectory(path);
                File.WriteAllText(Path.Combine(path, "data"), "x");
                if (old) Directory.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-2));
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "x");
                if (old) File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-2));
            }
            return relative;
        }
        var orphanId = Guid.NewGuid().ToString("N");
        var gone = new[]
        {
            Make($"corpora/{failed.Id:N}.download", old: true),
            Make($"corpora/{failed.Id:N}.staging", old: true),
            Make($"corpora/{orphanId}", old: true),
            Make($"corpora/{orphanId}.staging", old: true),
            Make($"tokenizers/{Guid.NewGuid():N}", old: true),
            Make($"runs/{Guid.NewGuid():N}", old: true),
            Make($"uploads/{failed.Id:N}", old: true),
            Make($"uploads/{Guid.NewGuid():N}", old: true),
            Make($"corpora/{orphanId}.json.tmp-{Guid.NewGuid():N}", old: true, folder: false),
        };
        var kept = new[]
        {
            Make($"corpora/{pending.Id:N}.download", old: true),
            Make($"uploads/{pending.Id:N}", old: true),
            Make($"corpora/{failed.Id:N}", old: true),
            Make($"corpora/{Guid.NewGuid():N}.staging", old: false),
            Make($"uploads/{Guid.NewGuid():N}", old: false),
        };

        var removed = await scope.ServiceProvider.GetRequiredService<ArtifactSweep>().SweepAsync(ArtifactSweepService.MinAge, CancellationToken.None);

        foreach (var entry in gone)
        {
            Assert.False(Path.Exists(Path.Combine(root, entry)), $"{entry} stayed");
            Assert.Contains(entry, removed);
        }
        foreach (var entry in kept) Assert.True(Path.Exists(Path.Combine(root, entry)), $"{entry} was removed");
    }
}
