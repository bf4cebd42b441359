using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

[Collection(ApiCollection.Name)]
public sealed class CorpusTokenizerDatasetTests(ApiFixture api)
{
    [Fact]
    public async Task SyntheticCorpus_IsReadyWithGroundTruthAttributes_AndSameSeedGivesSameSha()
    {
        var p = await PipelineFixture.GetAsync(api);
        var corpus = await p.Client.GetJsonAsync($"/api/corpora/{p.CorpusId}");
        Assert.Equal("Ready", corpus.GetProperty("state").GetString());
        Assert.Equal(PipelineFixture.Documents, corpus.GetProperty("documentCount").GetInt32());
        Assert.Equal(64, corpus.GetProperty("sha256").GetString()!.Length);

        var docs = await p.Client.GetJsonAsync($"/api/corpora/{p.CorpusId}/documents?offset=10&limit=5");
        Assert.Equal(5, docs.GetArrayLength());
        Assert.Equal(10, docs[0].GetProperty("index").GetInt32());
        Assert.Contains(docs[0].GetProperty("attributes").GetProperty("ending").GetString(), new[] { "happy", "sad" });

        var (againId, againJob) = await p.Client.PostWorkAsync("/api/corpora", new { source = PipelineFixture.SyntheticSource(7, PipelineFixture.Documents) });
        await p.Client.WaitForSuccessAsync(againJob);
        var again = await p.Client.GetJsonAsync($"/api/corpora/{againId}");
        Assert.Equal(corpus.GetProperty("sha256").GetString(), again.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task TrainedTokenizer_Has512Pieces_RoundTrips_AndExportsLlama2cLayout()
    {
        var p = await PipelineFixture.GetAsync(api);
        var tokenizer = await p.Client.GetJsonAsync($"/api/tokenizers/{p.TokenizerId}");
        Assert.Equal(512, tokenizer.GetProperty("vocabSize").GetInt32());
        Assert.Equal(1, tokenizer.GetProperty("bosId").GetInt32());
        Assert.Equal(2, tokenizer.GetProperty("eosId").GetInt32());

        const string text = "Once upon a time, Lily saw a big dog. \"Hello!\" she said.";
        var encoded = await (await p.Client.PostAsJsonAsync($"/api/tokenizers/{p.TokenizerId}/encode", new { text })).Content.ReadFromJsonAsync<JsonElement>();
        var ids = encoded.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(ids.Length, encoded.GetProperty("pieces").GetArrayLength());
        var decoded = await (await p.Client.PostAsJsonAsync($"/api/tokenizers/{p.TokenizerId}/decode", new { ids })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(text, decoded.GetProperty("text").GetString());

        var bin = await p.Client.GetByteArrayAsync($"/api/tokenizers/{p.TokenizerId}/export/llama2c");
        // tokenizer.bin: int32 max_token_length, then per token: float32 score, int32 length, bytes.
        var offset = 4;
        for (var i = 0; i < 512; i++) offset += 8 + BitConverter.ToInt32(bin, offset + 4);
        Assert.Equal(bin.Length, offset);

        var badIds = await p.Client.PostAsJsonAsync($"/api/tokenizers/{p.TokenizerId}/decode", new { ids = new[] { 5, 99999 } });
        Assert.Equal(HttpStatusCode.BadRequest, badIds.StatusCode);
    }

    [Fact]
    public async Task Dataset_HasOneSamplePerDocument_WithBosFirstAndDeterministicSplit()
    {
        var p = await PipelineFixture.GetAsync(api);
        var dataset = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}");
        Assert.Equal("Ready", dataset.GetProperty("state").GetString());
        Assert.Equal(PipelineFixture.Documents, dataset.GetProperty("sampleCount").GetInt32());
        var val = dataset.GetProperty("valCount").GetInt32();
        Assert.Equal(PipelineFixture.Documents, dataset.GetProperty("trainCount").GetInt32() + val);
        Assert.InRange(val, 60, 190); // 10% of 1200, binomial sd ≈ 10

        var sample = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples/3");
        var tokens = sample.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(1, tokens[0]);
        Assert.True(tokens.Length <= 129);
        Assert.Equal(3, sample.GetProperty("documentIndex").GetInt32());
        var encoded = await (await p.Client.PostAsJsonAsync($"/api/tokenizers/{p.TokenizerId}/encode", new { text = sample.GetProperty("text").GetString()!.Trim() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        // BOS + tokens + EOS, cut to maxSeqLen + 1 (a cut story loses its EOS).
        var expected = encoded.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).Prepend(1).Append(2).Take(129).ToArray();
        Assert.Equal(expected, tokens);
        Assert.Equal(encoded.GetProperty("ids").GetArrayLength() + 2 > 129, sample.GetProperty("truncated").GetBoolean());

        // The same corpus, tokenizer and seed give the same token store.
        var (againId, againJob) = await p.Client.PostWorkAsync("/api/datasets", new { corpusId = p.CorpusId, tokenizerId = p.TokenizerId, maxSeqLen = 128, valFraction = 0.1, seed = 5 });
        await p.Client.WaitForSuccessAsync(againJob);
        var again = await p.Client.GetJsonAsync($"/api/datasets/{againId}");
        Assert.Equal(dataset.GetProperty("tokenStoreSha256").GetString(), again.GetProperty("tokenStoreSha256").GetString());
        Assert.Equal(val, again.GetProperty("valCount").GetInt32());
    }

    [Theory]
    [InlineData("{\"source\": {\"kind\": \"floppy\"}}")]
    [InlineData("{\"source\": {\"kind\": \"file\", \"path\": \"/no/such/file.jsonl\"}}")]
    [InlineData("{\"source\": {\"kind\": \"url\", \"url\": \"not a url\"}}")]
    [InlineData("{\"source\": {\"kind\": \"synthetic\", \"synthetic\": {\"happyEndingShare\": 1.5}}}")]
    [InlineData("{\"source\": {\"kind\": \"synthetic\"}, \"badDocuments\": \"ignore\"}")]
    public async Task CreateCorpus_Returns400_WhenRequestIsBad(string body)
    {
        using var client = api.CreateAuthorizedClient();
        var response = await client.PostAsync("/api/corpora", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UploadedFileWithBadLine_FailsWithLineNumber_OrIsSkippedAndCounted()
    {
        var p = await PipelineFixture.GetAsync(api);
        var jsonl = "{\"story\": \"One fine day.\"}\n{\"story\": \"Two\n{\"story\": \"Three fine days.\"}\n";
        async Task<JsonElement> UploadAsync(string policy)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes(jsonl)), "file", "bad.jsonl" },
                { new StringContent(policy), "badDocuments" },
            };
            var response = await p.Client.PostAsync("/api/corpora/upload", form);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
            var job = await p.Client.WaitForJobAsync(accepted.GetProperty("jobId").GetString()!);
            return await p.Client.GetJsonAsync($"/api/corpora/{accepted.GetProperty("id").GetString()}") is var c
                ? JsonDocument.Parse($"{{\"job\": {job}, \"corpus\": {c}}}").RootElement : default;
        }

        var failed = await UploadAsync("fail");
        Assert.Equal("Failed", failed.GetProperty("job").GetProperty("state").GetString());
        Assert.Contains("line 2", failed.GetProperty("job").GetProperty("error").GetString());
        Assert.Equal("Failed", failed.GetProperty("corpus").GetProperty("state").GetString());

        var skipped = await UploadAsync("skip");
        Assert.Equal("Ready", skipped.GetProperty("corpus").GetProperty("state").GetString());
        Assert.Equal(2, skipped.GetProperty("corpus").GetProperty("documentCount").GetInt32());
        Assert.Equal(1, skipped.GetProperty("corpus").GetProperty("skippedDocuments").GetInt32());
    }

    [Fact]
    public async Task TokenizerWithTooLargeVocab_AndCorruptModel_FailWithReadableErrors()
    {
        var p = await PipelineFixture.GetAsync(api);
        var (_, tooLargeJob) = await p.Client.PostWorkAsync("/api/tokenizers", new { kind = "train", corpusId = p.CorpusId, vocabSize = 60000 });
        var tooLarge = await p.Client.WaitForJobAsync(tooLargeJob);
        Assert.Equal("Failed", tooLarge.GetProperty("state").GetString());
        Assert.Contains("larger than this corpus supports", tooLarge.GetProperty("error").GetString());

        using var form = new MultipartFormDataContent { { new ByteArrayContent([0x0a, 0x05, 1, 2, 3]), "file", "broken.model" } };
        var response = await p.Client.PostAsync("/api/tokenizers/upload", form);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var corrupt = await p.Client.WaitForJobAsync(accepted.GetProperty("jobId").GetString()!);
        Assert.Equal("Failed", corrupt.GetProperty("state").GetString());
        var tokenizer = await p.Client.GetJsonAsync($"/api/tokenizers/{accepted.GetProperty("id").GetString()}");
        Assert.Equal("Failed", tokenizer.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(tokenizer.GetProperty("error").GetString()));

        var unknown = await p.Client.PostAsJsonAsync("/api/datasets", new { corpusId = Guid.NewGuid(), tokenizerId = p.TokenizerId });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
