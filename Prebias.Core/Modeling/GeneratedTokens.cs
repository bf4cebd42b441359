namespace Prebias.Core.Modeling;

/// <summary>
/// One prompt's generated ids (prompt and EOS excluded). <see cref="EndedWithEos"/>: the model chose to stop (it
/// produced EOS) before the token cap or the context length ran out.
/// </summary>
public sealed record GeneratedTokens(int[] Ids, bool EndedWithEos);
