namespace Prebias.Api.Contracts;

/// <summary>
/// One resource with a content id: its kind (corpus, tokenizer, dataset, order, checkpoint), its id (the run's for an
/// order or a checkpoint), the checkpoint's step, a link to it and to its card (an order has no card of its own).
/// </summary>
public sealed record ResolvedResource(string Kind, Guid Id, long? Step, string Href, string Card);
