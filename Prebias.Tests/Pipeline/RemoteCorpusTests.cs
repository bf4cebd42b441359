using System.Text;
using Prebias.Tests.Corpora;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>The tinystories and url sources through the API and a worker, against a loopback HTTP server.</summary>
[Collection(ApiCollection.Name)]
public sealed class RemoteCorpusTests(ApiFixture api)
{
    [Fact]
    public async Task TinyStoriesSource_DownloadsResumesAndUnpacksShards_WithShardLimit()
    {
        var p = await PipelineFixture.GetAsync(api);
        // Stories with random numbers so the archive stays large after gzip (the download is cut half way).
        var random = new Random(5);
        string[] Filler(int n) => [.. Enumerable.Range(0, n).Select(_ => $"Ben counted {random.NextInt64():x} stars and {random.NextInt64():x} stones.")];
        var archive = TinyStoriesArchive.Build(
            ("data00.json", ["Once upon a time there was a cat.", .. Filler(3000)]),
            ("data01.json", [.. Filler(3000), "Max ran home."]),
            ("data02.json", ["This shard is beyond the limit."]));
        // The first connection is dropped half way: the job resumes with an HTTP Range request.
        await using var server = await LoopbackFileServer.StartAsync(archive, dropFirstRequestAfter: archive.Length / 2);

        var (id, job) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "tinystories", url = server.FileUrl.ToString(), shardLimit = 2 } });
        await p.Client.WaitForSuccessAsync(job);
        var corpus = await p.Client.GetJsonAsync($"/api/corpora/{id}");
        Assert.Equal(6002, corpus.GetProperty("documentCount").GetInt32());
        Assert.Contains(server.RangeHeaders, h => h is not null && h.StartsWith("bytes=", StringComparison.Ordinal));
        var first = await p.Client.GetJsonAsync($"/api/corpora/{id}/documents?limit=1");
        Assert.Equal("Once upon a time there was a cat.", first[0].GetProperty("text").GetString());
        var last = await p.Client.GetJsonAsync($"/api/corpora/{id}/documents?offset=6001&limit=1");
        Assert.Equal("Max ran home.", last[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task UrlSource_FailsReadably_WhenUnreachable_AndImportsJsonl()
    {
        var p = await PipelineFixture.GetAsync(api);
        await using var server = await LoopbackFileServer.StartAsync(Encoding.UTF8.GetBytes("{\"story\": \"A.\"}\n{\"story\": \"B.\"}\n"));

        var (_, missingJob) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "url", url = server.MissingUrl.ToString(), format = "jsonl" } });
        var missing = await p.Client.WaitForJobAsync(missingJob);
        Assert.Equal("Failed", missing.GetProperty("state").GetString());
        Assert.Contains("404", missing.GetProperty("error").GetString());

        var (id, job) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "url", url = server.FileUrl.ToString(), format = "jsonl" } });
        await p.Client.WaitForSuccessAsync(job);
        Assert.Equal(2, (await p.Client.GetJsonAsync($"/api/corpora/{id}")).GetProperty("documentCount").GetInt32());
    }
}
