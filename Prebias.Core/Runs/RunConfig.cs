using System.Text.Json;
using Prebias.Core.Domain;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;

namespace Prebias.Core.Runs;

/// <summary>
/// The resolved configuration of a run, everything needed to train it again: llama2.c's <c>ModelArgs</c>, the
/// training options with the checkpoint schedule, and the ordering rule. It is stored in the run row's three JSON
/// columns (<c>model</c>, <c>training</c>, <c>ordering</c>); this type is the one place that reads and writes them,
/// so rows written before it read back unchanged.
/// </summary>
public sealed record RunConfig(ModelArgs Model, ResolvedTraining Training, OrderingSpec Ordering)
{
    public static RunConfig Of(RunRecord run) => new(ModelOf(run), TrainingOf(run), OrderingOf(run));

    public static ModelArgs ModelOf(RunRecord run) => Read<ModelArgs>(run.Model);

    public static ResolvedTraining TrainingOf(RunRecord run) => Read<ResolvedTraining>(run.Training);

    public static OrderingSpec OrderingOf(RunRecord run) => Read<OrderingSpec>(run.Ordering);

    /// <summary>The <c>model</c> column.</summary>
    public string ModelJson => JsonSerializer.Serialize(Model, JsonDefaults.Options);

    /// <summary>The <c>training</c> column.</summary>
    public string TrainingJson => JsonSerializer.Serialize(Training, JsonDefaults.Options);

    /// <summary>The <c>ordering</c> column.</summary>
    public string OrderingJson => JsonSerializer.Serialize(Ordering, JsonDefaults.Options);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonDefaults.Options)
        ?? throw new InvalidDataException($"A run's {typeof(T).Name} column holds null.");
}
