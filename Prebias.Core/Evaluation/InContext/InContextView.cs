using System.Text.Json;
using Prebias.Core.Evaluation.Results;
using Prebias.Core.Training;

namespace Prebias.Core.Evaluation.InContext;

/// <summary>
/// The in-context-learning measures of one checkpoint, <c>in-context.json</c> in its folder (written by evaluation):
/// the ICL score and, per layer and head, the prefix-matching and copying scores.
/// </summary>
/// <param name="Sequences">Repeated random-token sequences the prefix-matching score averages over.</param>
/// <param name="RepeatLength">Tokens in each copy.</param>
/// <param name="Seconds">Wall time of this part of the evaluation.</param>
public sealed record InContextView(IclScore Icl, HeadScores Heads, int Sequences, int RepeatLength, double Seconds)
{
    public const string FileName = CheckpointFolder.InContext;

    public void Write(string checkpointDirectory) => CheckpointViews.Write(checkpointDirectory, FileName, this);

    public static InContextView? Read(string checkpointDirectory)
    {
        var path = Path.Combine(checkpointDirectory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<InContextView>(File.ReadAllBytes(path),
            JsonDefaults.Options) : null;
    }
}
