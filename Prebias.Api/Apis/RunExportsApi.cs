using Microsoft.AspNetCore.Http.HttpResults;
using Prebias.Core.Export;

namespace Prebias.Api.Apis;

/// <summary>
/// Exports for other tools: a checkpoint as a Hugging Face Llama folder, a run's scalars as TensorBoard event files.
/// Both answer a tar whose single top-level entry is the folder, also kept under the run's artifact folder.
/// </summary>
public static class RunExportsApi
{
    private const string Tar = "application/x-tar";

    public static RouteGroupBuilder MapRunExportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs/{id:guid}").WithTags("Exports");
        group.MapGet("checkpoints/{step:long}/export/hf", HuggingFace).WithName("ExportHuggingFace")
            .WithSummary("A tar of a folder LlamaForCausalLM.from_pretrained loads: config.json, model.safetensors, " +
                "tokenizer.model, tokenizer_config.json, generation_config.json, README.md (the model card)")
            .WithDescription("q_proj/k_proj rows carry llama2.c export.py's rotary permutation (HF rotates halves, " +
                "llama2.c adjacent pairs). Untar, then: " +
                "lm_eval --model hf --model_args pretrained=<folder> --tasks hellaswag")
            .Produces(StatusCodes.Status200OK, contentType: Tar);
        group.MapGet("export/tensorboard", TensorBoard).WithName("ExportTensorBoard")
            .WithSummary("A tar of TensorBoard event files: train/val loss, lr, grad norm, throughput, evaluation " +
                "metrics and bias probes per step (open with tensorboard --logdir <folder>)")
            .Produces(StatusCodes.Status200OK, contentType: Tar);
        return group;
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> HuggingFace(
        Guid id, long step, RunExports exports, CancellationToken ct)
    {
        var folder = await exports.HuggingFaceAsync(id, step, ct);
        return folder is null
            ? Problems.NotFound("Checkpoint not found", $"Run {id} has no checkpoint at step {step}.")
            : TarOf(folder, $"prebias-{id:N}-step{step}-hf.tar");
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> TensorBoard(
        Guid id, RunExports exports, CancellationToken ct)
    {
        var folder = await exports.TensorBoardAsync(id, ct);
        return folder is null
            ? Problems.NotFound("Run not found", $"No run '{id}'.")
            : TarOf(folder, $"prebias-{id:N}-tensorboard.tar");
    }

    private static PushStreamHttpResult TarOf(string folder, string fileName) =>
        TypedResults.Stream(stream => TarFolder.WriteAsync(folder, stream, CancellationToken.None), Tar, fileName);
}
