using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora;
using Prebias.Core.Domain;
using Prebias.Core.Metrics.Ngrams;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// The reference of <c>oov_rate</c> and <c>ngram_perplexity</c>: a Kneser–Ney 3-gram model of a dataset's train
/// split (the full document texts of its train samples), built once and kept in the dataset's artifact folder, so
/// the metrics job and every evaluation of the dataset's runs score against the same model.
/// </summary>
public static class DatasetReferenceModel
{
    public static string Key(DatasetRecord dataset) => $"{dataset.ArtifactKey}/reference-kn3.bin";

    /// <summary>
    /// Loads the stored model, or builds and stores it (atomic write). Two jobs building at once write the same bytes
    /// (deterministic counts), so the later rename is harmless.
    /// </summary>
    public static async Task<KneserNeyTrigramModel> GetOrBuildAsync(PrebiasDbContext db, IArtifactStore store, DatasetRecord dataset,
        CancellationToken ct)
    {
        var key = Key(dataset);
        if (store.Exists(key))
        {
            await using var stored = store.OpenRead(key);
            using var buffered = new BufferedStream(stored, 1 << 16);
            return KneserNeyTrigramModel.Read(buffered);
        }

        var corpus = await db.Corpora.AsNoTracking().SingleAsync(c => c.Id == dataset.CorpusId, ct);
        var documents = await db.Samples.AsNoTracking().Where(s => s.DatasetId == dataset.Id && s.Split == "train")
            .OrderBy(s => s.Id).Select(s => s.DocumentIndex).ToListAsync(ct);
        var builder = new KneserNeyTrigramBuilder();
        using (var reader = CorpusFolder.Open(store, corpus))
        {
            foreach (var document in documents)
            {
                ct.ThrowIfCancellationRequested();
                builder.AddText(reader.Get(document).Text);
            }
        }
        var model = builder.Build();
        await store.WriteAtomicAsync(key, (stream, _) =>
        {
            // Synchronous writes into a buffer: the file stream is asynchronous, and per-value awaits would dominate.
            // Not disposed: that would close the store's stream before it renames the file into place.
            var buffered = new BufferedStream(stream, 1 << 16);
            model.Write(buffered);
            buffered.Flush();
            return Task.CompletedTask;
        }, ct);
        return model;
    }
}
