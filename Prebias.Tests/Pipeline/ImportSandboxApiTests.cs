using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Prebias.Tests.Corpora;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>
/// What a key holder can make the server read or fetch, through the API and a worker: server paths only inside the
/// import roots (400 alike for existing and missing paths), url sources only from allowlisted or public hosts with
/// every redirect hop checked, data content types only, safe upload names; and after each failure path the
/// artifact folder holds no download, upload or staging folder.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImportSandboxApiTests(ApiFixture api)
{
    [Fact]
    public async Task FileSource_OutsideTheImportRoots_Is400_WithOneMessage_AndNoExistenceOracle()
    {
        using var client = api.CreateAuthorizedClient();
        var link = Path.Combine(api.ImportsPath, $"environ-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(link, "/proc/self/environ");
        var before = (await client.GetJsonAsync("/api/corpora")).GetArrayLength();
        var messages = new HashSet<string>();
        foreach (var path in new[] { "/proc/self/environ", "/etc/passwd", "/etc/shadow", "/no/such/file", "/dev/zero", link, "../../../etc/passwd",
                                     Path.Combine(api.ArtifactsPath, "..", "api-key"), Path.Combine(api.ImportsPath, "missing.jsonl") })
        {
            var response = await client.PostAsJsonAsync("/api/corpora", new { source = new { kind = "file", path } });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            messages.Add(problem.GetProperty("errors").GetProperty("source.path")[0].GetString()!);
        }
        Assert.Single(messages);
        Assert.DoesNotContain("No file", messages.Single());
        Assert.Equal(before, (await client.GetJsonAsync("/api/corpora")).GetArrayLength());

        var tokenizer = await client.PostAsJsonAsync("/api/tokenizers", new { kind = "sentencepiece", path = "/etc/passwd" });
        Assert.Equal(HttpStatusCode.BadRequest, tokenizer.StatusCode);
        Assert.Equal(messages.Single(), (await tokenizer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("path")[0].GetString());
    }

    [Fact]
    public async Task FileSource_InsideTheRoot_Imports_AndAFifoThereFailsAtOnce()
    {
        var p = await PipelineFixture.GetAsync(api);
        var name = $"stories-{Guid.NewGuid():N}.jsonl";
        await File.WriteAllTextAsync(Path.Combine(api.ImportsPath, name), LoopbackSourceServer.Jsonl);
        var (id, job) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "file", path = name } });
        await p.Client.WaitForSuccessAsync(job);
        Assert.Equal(2, (await p.Client.GetJsonAsync($"/api/corpora/{id}")).GetProperty("documentCount").GetInt32());

        var fifo = Path.Combine(api.ImportsPath, $"pipe-{Guid.NewGuid():N}.jsonl");
        using (var mkfifo = Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync();
        var (fifoId, fifoJob) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "file", path = fifo } });
        // Before, open() blocked for ever and held a worker slot; now the job fails as soon as it runs.
        var failed = await p.Client.WaitForJobAsync(fifoJob, TimeSpan.FromSeconds(60));
        Assert.Equal("Failed", failed.GetProperty("state").GetString());
        Assert.Contains("regular file inside the import roots", failed.GetProperty("error").GetString());
        AssertNoLeftovers(fifoId);
    }

    [Fact]
    public async Task UrlSource_ToMetadataLoopbackOrPrivateLiterals_Is400()
    {
        using var client = api.CreateAuthorizedClient();
        var postgresPort = new NpgsqlConnectionStringBuilder(api.ConnectionString).Port;
        foreach (var url in new[] { "http://169.254.169.254/latest/meta-data/", $"http://localhost:{postgresPort}/", $"http://[::1]:{postgresPort}/",
                                    "http://10.0.0.1/stories.jsonl", "http://0.0.0.0/" })
        {
            var response = await client.PostAsJsonAsync("/api/corpora", new { source = new { kind = "url", url } });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("refused", problem.GetProperty("errors").GetProperty("source.url")[0].GetString());
        }
        var tinystories = await client.PostAsJsonAsync("/api/corpora", new { source = new { kind = "tinystories", url = "http://169.254.169.254/x.tar.gz" } });
        Assert.Equal(HttpStatusCode.BadRequest, tinystories.StatusCode);
    }

    [Fact]
    public async Task UrlSource_RefusesRedirectsToLoopbackNames_HtmlAndRedirectLoops_LeavingNothingBehind()
    {
        var p = await PipelineFixture.GetAsync(api);
        await using var server = await LoopbackSourceServer.StartAsync();
        var postgresPort = new NpgsqlConnectionStringBuilder(api.ConnectionString).Port;

        async Task<(string Id, string Error)> FailAsync(string url)
        {
            var (id, job) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "url", url } });
            var done = await p.Client.WaitForJobAsync(job, TimeSpan.FromSeconds(60));
            Assert.True(done.GetProperty("state").GetString() == "Failed", $"{url}: {done}");
            Assert.Equal("Failed", (await p.Client.GetJsonAsync($"/api/corpora/{id}")).GetProperty("state").GetString());
            return (id, done.GetProperty("error").GetString()!);
        }

        // A 302 from an allowed host to a loopback name: the hop is checked like the first URL and never fetched.
        var (toLocalhost, error) = await FailAsync(server.RedirectTo(server.LocalhostUrl("/data.jsonl")));
        Assert.Contains("refused", error);
        Assert.Contains("localhost", error);
        Assert.Equal(0, server.RequestsTo("/data.jsonl"));
        AssertNoLeftovers(toLocalhost);

        // The same through a 302 to the Postgres port (a request forgery into the database's port).
        var (toPostgres, postgresError) = await FailAsync(server.RedirectTo($"http://localhost:{postgresPort}/"));
        Assert.Contains("refused", postgresError);
        AssertNoLeftovers(toPostgres);

        var (html, htmlError) = await FailAsync(server.Url("/page.html"));
        Assert.Contains("text/html", htmlError);
        AssertNoLeftovers(html);

        var (loop, loopError) = await FailAsync(server.Url("/loop"));
        Assert.Contains("redirects more than 3", loopError);
        AssertNoLeftovers(loop);

        var (missing, missingError) = await FailAsync(server.Url("/missing.jsonl"));
        Assert.Contains("404", missingError);
        AssertNoLeftovers(missing);

        // Allowed host, data content type: imported, and its download folder removed once the corpus is Ready.
        var (ok, okJob) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "url", url = server.Url("/data.jsonl") } });
        await p.Client.WaitForSuccessAsync(okJob);
        Assert.Equal(2, (await p.Client.GetJsonAsync($"/api/corpora/{ok}")).GetProperty("documentCount").GetInt32());
        AssertNoLeftovers(ok);
        Assert.True(File.Exists(Path.Combine(CorpusFolder(ok), "corpus.json")));
    }

    [Fact]
    public async Task Upload_NamedDotDot_IsImported_AndUploadsAreRemovedOnSuccessAndOnFailure()
    {
        var p = await PipelineFixture.GetAsync(api);
        async Task<(string Id, JsonElement Job)> UploadAsync(string fileName, string content)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(LoopbackSourceServer.Bytes(content)), "file", fileName }, { new StringContent("jsonl"), "format" } };
            var response = await p.Client.PostAsync("/api/corpora/upload", form);
            var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{fileName}: {(int)response.StatusCode} {accepted}");
            return (accepted.GetProperty("id").GetString()!, await p.Client.WaitForJobAsync(accepted.GetProperty("jobId").GetString()!));
        }

        var (dotDot, job) = await UploadAsync("..", LoopbackSourceServer.Jsonl);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(2, (await p.Client.GetJsonAsync($"/api/corpora/{dotDot}")).GetProperty("documentCount").GetInt32());
        AssertNoLeftovers(dotDot);

        var (bad, badJob) = await UploadAsync("../../bad.jsonl", "{\"story\": \"ok.\"}\n{not json\n");
        Assert.Equal("Failed", badJob.GetProperty("state").GetString());
        AssertNoLeftovers(bad);
    }

    [Fact]
    public async Task UrlImport_CancelledMidDownload_RemovesItsPartialDownload()
    {
        var p = await PipelineFixture.GetAsync(api);
        await using var server = await LoopbackSourceServer.StartAsync();
        var (id, job) = await p.Client.PostWorkAsync("/api/corpora", new { source = new { kind = "url", url = server.Url("/trickle.txt") } });
        var download = CorpusFolder(id) + ".download";
        // The body trickles for ever; once the request arrived the .part file exists (its bytes sit in a buffer).
        await Poll.UntilAsync(() => Task.FromResult(server.RequestsTo("/trickle.txt") > 0 && Directory.Exists(download) && Directory.EnumerateFiles(download).Any()),
            started => started, TimeSpan.FromSeconds(60), "a partial download");

        Assert.Equal(HttpStatusCode.Accepted, (await p.Client.DeleteAsync($"/api/jobs/{job}")).StatusCode);
        await Poll.UntilAsync(() => Task.FromResult(Directory.Exists(download)), exists => !exists, TimeSpan.FromSeconds(30), "the download folder to go");
        AssertNoLeftovers(id);
    }

    private string CorpusFolder(string id) => Path.Combine(api.ArtifactsPath, "corpora", Guid.Parse(id).ToString("N"));

    /// <summary>Lists the artifact folder: no download, staging or upload folder of any finished import remains.</summary>
    private void AssertNoLeftovers(string corpusId)
    {
        var corpus = CorpusFolder(corpusId);
        var entries = Directory.Exists(Path.Combine(api.ArtifactsPath, "corpora"))
            ? Directory.GetFileSystemEntries(Path.Combine(api.ArtifactsPath, "corpora")) : [];
        Assert.DoesNotContain(corpus + ".download", entries);
        Assert.DoesNotContain(corpus + ".staging", entries);
        Assert.False(Directory.Exists(Path.Combine(api.ArtifactsPath, "uploads", Guid.Parse(corpusId).ToString("N"))), "the upload stayed");
    }
}
