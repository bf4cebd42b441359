using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Training;

namespace Prebias.Core.Domain;

/// <summary>
/// The resolved configuration of a run, everything needed to train it again: llama2.c's <c>ModelArgs</c>, the
/// training options with the checkpoint schedule, and the ordering rule. The run row holds them in three jsonb
/// columns (<c>model</c>, <c>training</c>, <c>ordering</c>) that EF maps to these records
/// (<c>Persistence.JsonColumn</c>), so rows written before the mapping read back unchanged.
/// </summary>
public sealed record RunConfig(ModelArgs Model, ResolvedTraining Training, OrderingSpec Ordering);
