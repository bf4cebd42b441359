namespace Prebias.Bench;

/// <summary>A prompt of <c>bench generate</c>: its text (null for BOS alone) and its ids, BOS first.</summary>
internal sealed record GeneratePrompt(string? Text, int[] Ids);
