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
        var archive = TinyStoriesArchive.Build(
            ("data00.json", ["Once upon a time there was a cat.", "Tom had a red ball."]),
            ("data01.json", ["Lily saw a bird.", "The sun was warm.", "Max ran home."]),
            ("data02.json", ["This shard is beyond the limit."]));
        // The first connection is dropped half way: the job resumes with an HTTP Range request.
        await using var server = await LoopbackFileServer.StartAsync(archive, dropFirstRequestAfter: archive.Length / 2);

        var (id, job) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "tinystories", url = server.FileUrl.ToString(), shardLimit = 2 } });
        await p.Client.WaitForSuccessAsync(job);
        var corpus = await p.Client.GetJsonAsync($"/api/corpora/{id}");
        Assert.Equal(5, corpus.GetProperty("documentCount").GetInt32());
        Assert.Contains(server.RangeHeaders, h => h is not null && h.StartsWith("bytes=", StringComparison.Ordinal));
        var docs = await p.Client.GetJsonAsync($"/api/corpora/{id}/documents?limit=10");
        Assert.Equal("Once upon a time there was a cat.", docs[0].GetProperty("text").GetString());
        Assert.Equal("Max ran home.", docs[4].GetProperty("text").GetString());
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
