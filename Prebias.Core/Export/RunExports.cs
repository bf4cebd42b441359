using Microsoft.EntityFrameworkCore;
using Prebias.Core.Cards;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;
using Prebias.Core.Training;

namespace Prebias.Core.Export;

/// <summary>
/// Builds a run's exports in its artifact folder: <c>runs/{id}/export/hf-ckpt-{step}</c> (a Hugging Face Llama
/// folder with the model card) and <c>runs/{id}/tensorboard</c> (event files of its losses and evaluations).
/// Each call rebuilds the folder from the current checkpoint and rows, so a later evaluation shows up in the next
/// export. Returns null when the run or the checkpoint is unknown.
/// </summary>
public sealed class RunExports(PrebiasDbContext db, IArtifactStore store, ModelCards cards)
{
    public static string HfFolderKey(Guid runId, long step) => $"runs/{runId:N}/export/hf-ckpt-{step:D7}";

    public static string TensorBoardKey(Guid runId) => $"runs/{runId:N}/tensorboard";

    public async Task<string?> HuggingFaceAsync(Guid runId, long step, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || !await db.Checkpoints.AnyAsync(c => c.RunId == runId && c.Step == step, ct)) return null;
        var checkpoint = store.GetPathForMappedRead(run.CheckpointKey(step));
        if (CheckpointStore.ReadManifest(checkpoint) is null) return null;
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == run.DatasetId, ct);
        var tokenizer = await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId, ct);
        var card = (await cards.CheckpointAsync(runId, step, ct))!.ToMarkdown();
        var model = TokenizerFolder.ModelPath(store, tokenizer);
        var folder = store.GetPathForMappedRead(HfFolderKey(runId, step));
        // Weights never change for a step, so an export with the same card is current: reuse it rather than
        // replacing a folder another request may be sending.
        var existingCard = Path.Combine(folder, HfCheckpointExporter.CardFile);
        if (File.Exists(existingCard) && await File.ReadAllTextAsync(existingCard, ct) == card) return folder;
        await Task.Run(() => store.WriteFolder(HfFolderKey(runId, step), temp => HfCheckpointExporter.Export(checkpoint,
            new HfTokenizerFiles(model, tokenizer.BosId, tokenizer.EosId), card, temp)), ct);
        return folder;
    }

    public async Task<string?> TensorBoardAsync(Guid runId, CancellationToken ct)
    {
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return null;
        var points = await RunScalars.LoadAsync(db, runId, ct);
        await Task.Run(() => store.WriteFolder(TensorBoardKey(runId),
            temp => TensorBoardEvents.Write(temp, points, ct)), ct);
        return store.GetPathForMappedRead(TensorBoardKey(runId));
    }
}
