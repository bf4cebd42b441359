namespace Prebias.Api.Contracts;

/// <summary>Answer of a cancelling DELETE: the resource, its new state and how many of its jobs were cancelled.</summary>
public sealed record DeletionResponse(Guid Id, string Kind, string State, int JobsCancelled);
