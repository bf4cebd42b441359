namespace Prebias.Core.Metrics;

public enum MetricKind
{
    /// <summary>Computed from the text alone by <see cref="TextMetricsScorer"/>.</summary>
    Text,
    /// <summary>Needs a language model (e.g. perplexity); computed by evaluation code, not by the text scorer.</summary>
    Model,
    /// <summary>A numeric or boolean document attribute of the corpus (<c>attr.&lt;name&gt;</c>), copied per sample by
    /// <c>SampleAttributesJob</c> into <c>sample_attributes</c>.</summary>
    Attribute,
}
