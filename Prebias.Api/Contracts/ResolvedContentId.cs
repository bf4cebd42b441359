using System.Text.Json.Nodes;

namespace Prebias.Api.Contracts;

/// <summary>A content id, the canonical manifest it hashes, and the resources of this instance that have it.</summary>
public sealed record ResolvedContentId(
    string ContentId, JsonObject Manifest, IReadOnlyList<ResolvedResource> Resources);
