using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.ContentIds;
using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;
using Prebias.Tests.Corpora;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.ContentIds;

public sealed class ContentIdTests
{
    [Fact]
    public void Normalize_GivesOneSpelling_WhenKeysAndNumbersAreSpelledDifferently()
    {
        var a = CanonicalJson.Normalize("""{ "b": 1, "a": [1e-05, "x\n"], "c": { "z": true, "y": null } }""");
        var b = CanonicalJson.Normalize("""{"c":{"y":null,"z":true},"a":[0.00001,"x\u000a"],"b":1.0}""");
        Assert.Equal("""{"a":[1E-05,"x\u000a"],"b":1,"c":{"y":null,"z":true}}""", a);
        Assert.Equal(a, b);
        Assert.NotEqual(ContentId.Of(JsonNode.Parse("""{"a":1}""")!.AsObject()).Id,
            ContentId.Of(JsonNode.Parse("""{"a":2}""")!.AsObject()).Id);
    }

    [Theory]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:0123", false)]
    [InlineData("md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00", false)]
    public void IsWellFormed_AcceptsOnlyPrefixAnd64LowercaseHex(string id, bool expected) =>
        Assert.Equal(expected, ContentId.IsWellFormed(id));

    /// <summary>
    /// Two independent instances (own database, own data folder, own resource ids and names) ingest the same
    /// synthetic corpus with the import's own writer: same content id. A corpus of one other seed: another id.
    /// </summary>
    [Fact]
    public async Task CorpusId_IsEqualAcrossInstances_WhenTheyIngestTheSameCorpus()
    {
        var options = new SyntheticCorpusOptions { Seed = 11, Documents = 300 };
        var (first, firstResolved) = await IngestAsync(options, "first");
        var (second, secondResolved) = await IngestAsync(options, "second copy");
        var (other, _) = await IngestAsync(options with { Seed = 12 }, "first");

        Assert.True(ContentId.IsWellFormed(first), first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(ContentKind.Corpus, Assert.Single(firstResolved).Kind);
        Assert.Equal(firstResolved[0].Manifest, secondResolved[0].Manifest);
        using var manifest = JsonDocument.Parse(firstResolved[0].Manifest);
        Assert.Equal(300, manifest.RootElement.GetProperty("documents").GetInt32());
    }

    private static async Task<(string Id, IReadOnlyList<ContentIdRecord> Resolved)> IngestAsync(
        SyntheticCorpusOptions options, string name)
    {
        await using var db = new PrebiasDbContext(new DbContextOptionsBuilder<PrebiasDbContext>()
            .UseNpgsql(TestPostgres.NewDatabase("contentids")).UseSnakeCaseNamingConvention().Options);
        await db.Database.MigrateAsync();
        using var folder = new TempDirectory();
        var corpus = new CorpusRecord
        {
            Id = Guid.NewGuid(), Name = name, SourceKind = "synthetic", CreatedAt = DateTimeOffset.UtcNow,
            Source = JsonSerializer.Serialize(new { kind = "synthetic", synthetic = options }),
        };
        var summary = SyntheticStoryGenerator.WriteCorpus(Path.Combine(folder.Path, corpus.ArtifactKey), options);
        (corpus.DocumentCount, corpus.Bytes, corpus.Sha256) = (summary.DocumentCount, summary.Bytes, summary.Sha256);
        db.Corpora.Add(corpus);
        await db.SaveChangesAsync();

        var index = new ContentIdIndex(db);
        var id = await index.IdOfAsync(ContentKind.Corpus, corpus.Id, 0, CancellationToken.None);
        await index.FillMissingAsync(CancellationToken.None); // a second fill adds nothing and does not throw
        Assert.Equal(1, await db.ContentIds.CountAsync());
        return (id!, await index.ResolveAsync(id!, CancellationToken.None));
    }
}
