using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Prebias.Core.Domain;
using Prebias.Core.Modeling;

namespace Prebias.Core.Cards;

/// <summary>
/// The architecture and training-config sections of a model card, from a run's resolved configuration.
/// </summary>
internal static class ModelSection
{
    public static ModelArgs Args(RunRecord run) => run.Model;

    /// <summary>Distinct parameters (the tied embedding/output matrix once), from the shapes model.py builds.</summary>
    public static long ParameterCount(ModelArgs a)
    {
        long dim = a.Dim, kv = (long)a.EffectiveKvHeads * a.HeadDim, hidden = FeedForward.ComputeHiddenDim(a);
        var perLayer = 2 * dim + 2 * dim * dim + 2 * dim * kv + 3 * dim * hidden;
        return (long)a.VocabSize * dim + a.NLayers * perLayer + dim;
    }

    public static void Append(StringBuilder body, RunRecord run, ModelArgs args)
    {
        var indented = new JsonSerializerOptions { WriteIndented = true };
        body.AppendLine("## Architecture").AppendLine()
            .AppendLine($"dim {args.Dim}, {args.NLayers} layers, {args.NHeads} heads " +
                $"({args.EffectiveKvHeads} key/value), feed-forward {FeedForward.ComputeHiddenDim(args)}, " +
                $"vocabulary {args.VocabSize}, context {args.MaxSeqLen}, " +
                $"RMSNorm eps {args.NormEps}, RoPE theta {RotaryEmbedding.DefaultTheta}, tied embeddings; " +
                $"{ParameterCount(args):N0} parameters.").AppendLine()
            .AppendLine("## Training").AppendLine()
            .AppendLine("```json").AppendLine(Indented(run.Training, indented))
            .AppendLine("```").AppendLine()
            .AppendLine("Ordering rule:").AppendLine()
            .AppendLine("```json").AppendLine(Indented(run.Ordering, indented))
            .AppendLine("```").AppendLine();
        if (run.ParentRunId is { } parent)
            body.AppendLine($"Branched from run {parent:N} at step {run.BranchFromStep} with transform " +
                $"`{run.BranchTransform}`.").AppendLine();
    }

    /// <summary>A stored configuration as its column holds it (the stored documents' settings), indented.</summary>
    private static string? Indented<T>(T value, JsonSerializerOptions indented) =>
        JsonSerializer.SerializeToNode(value, JsonDefaults.Options)?.ToJsonString(indented);
}
