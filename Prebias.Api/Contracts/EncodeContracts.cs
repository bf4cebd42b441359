namespace Prebias.Api.Contracts;

/// <summary>Text to encode (no BOS is added).</summary>
public sealed record EncodeRequest(string? Text);

/// <summary>Token ids and their pieces.</summary>
public sealed record EncodeResponse(IReadOnlyList<int> Ids, IReadOnlyList<string> Pieces);

/// <summary>Token ids to decode.</summary>
public sealed record DecodeRequest(int[]? Ids);

/// <summary>Decoded text.</summary>
public sealed record DecodeResponse(string Text);
