namespace Prebias.Core.Evaluation;

/// <summary>
/// One generation. <see cref="Mode"/>: "greedy" or "sample". <see cref="Text"/>: the decoded prompt and continuation
/// (BOS dropped); <see cref="ContinuationText"/>: the generated part only; <see cref="TokenCount"/>: generated tokens
/// (stopped at EOS or a new BOS, neither included). <see cref="SampleIndex"/>: 0 for greedy, 0..SamplesPerPrompt−1
/// for sampled generations of the same prompt. <see cref="EndedWithEos"/>: the model ended the story itself (EOS
/// before the token cap); false when the cap cut it or it ran into a new BOS.
/// </summary>
public sealed record GeneratedText(string Prompt, string Mode, string Text, string ContinuationText, int TokenCount, int SampleIndex = 0,
    bool EndedWithEos = false)
{
    public const string Greedy = "greedy";
    public const string Sample = "sample";
}
