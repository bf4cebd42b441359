using Microsoft.Extensions.Hosting;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>
/// One synthetic corpus → trained 512-piece vocabulary → dataset → sample metrics, built once through the REST API
/// by a worker host, and shared by the pipeline tests (built on first use, since xunit 2 class fixtures cannot take the
/// collection's <see cref="ApiFixture"/>). The corpus dials in known attributes (ground truth).
/// </summary>
public sealed class PipelineFixture
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PipelineFixture? _shared;

    private readonly ApiFixture _api;

    private PipelineFixture(ApiFixture api)
    {
        _api = api;
        Client = api.CreateAuthorizedClient();
    }

    public static async Task<PipelineFixture> GetAsync(ApiFixture api)
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is null)
            {
                var fixture = new PipelineFixture(api);
                await fixture.InitializeAsync();
                _shared = fixture;
            }
            return _shared;
        }
        finally { Gate.Release(); }
    }

    public const int Documents = 1200;
    public HttpClient Client { get; }
    public IHost? Worker { get; private set; }
    public string CorpusId { get; private set; } = "";
    public string TokenizerId { get; private set; } = "";
    public string DatasetId { get; private set; } = "";

    public static object SyntheticSource(int seed, int documents) => new
    {
        kind = "synthetic",
        synthetic = new
        {
            seed, documents, happyEndingShare = 0.5, profanityRate = 0.1, occupationShare = 0.8,
            occupationHeShare = new Dictionary<string, double> { ["doctor"] = 0.9, ["nurse"] = 0.1, ["pilot"] = 0.5 },
        },
    };

    private async Task InitializeAsync()
    {
        // The worker keeps running for the rest of the test run (other collections' tests may enqueue too).
        Worker = await _api.StartWorkerAsync("cpu", "default");
        (CorpusId, var corpusJob) = await Client.PostWorkAsync("/api/corpora", new { name = "synthetic", source = SyntheticSource(7, Documents) });
        // Queued before the corpus exists: each step runs as a continuation of the previous one.
        (TokenizerId, _) = await Client.PostWorkAsync("/api/tokenizers", new { kind = "train", corpusId = CorpusId, vocabSize = 512 });
        (DatasetId, _) = await Client.PostWorkAsync("/api/datasets", new { corpusId = CorpusId, tokenizerId = TokenizerId, maxSeqLen = 128, valFraction = 0.1, seed = 5 });
        var (_, metricsJob) = await Client.PostWorkAsync($"/api/datasets/{DatasetId}/metrics", new { });
        await Client.WaitForSuccessAsync(corpusJob);
        await Client.WaitForSuccessAsync(metricsJob, TimeSpan.FromMinutes(3));
    }
}
