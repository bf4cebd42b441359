using Prebias.Api.Tables;
using Prebias.Core.Experiments;

namespace Prebias.Api.Apis;

/// <summary>The four parts of an experiment comparison as flat tables (CSV and Parquet).</summary>
public static class ComparisonTables
{
    public static Table Of(ExperimentComparisonResult c, string table) => table switch
    {
        "endpoint" => new Table(Columns(("metric", typeof(string)), ("ordering", typeof(string)), ("step", typeof(long)), ("difference", typeof(double)),
                ("ci_lower", typeof(double)), ("ci_upper", typeof(double)), ("seed_spread", typeof(double)), ("ratio", typeof(double)),
                ("verdict", typeof(string)), ("saturation_step", typeof(long))),
            [.. c.EndPoint.Select(e => new object?[] { e.Metric, e.Ordering, e.Step, e.Difference, e.Lower, e.Upper, e.SeedSpread, e.Ratio, e.Verdict, e.SaturationStep })]),
        "divergence" => new Table(Columns(("ordering", typeof(string)), ("step", typeof(long)), ("val_loss_gap", typeof(double)), ("kl_divergence", typeof(double)), ("embedding_cka", typeof(double))),
            [.. c.Divergence.Select(d => new object?[] { d.Ordering, d.Step, d.ValLossGap, d.KlDivergence, d.EmbeddingCka })]),
        "bias" => new Table(Columns(("ordering", typeof(string)), ("step", typeof(long)), ("probe", typeof(string)), ("subject", typeof(string)), ("mean", typeof(double))),
            [.. c.Bias.Select(b => new object?[] { b.Ordering, b.Step, b.Probe, b.Subject, b.Mean })]),
        _ => new Table(Columns(("metric", typeof(string)), ("ordering", typeof(string)), ("is_baseline", typeof(bool)), ("step", typeof(long)), ("seeds", typeof(int)),
                ("mean", typeof(double)), ("std", typeof(double)), ("min", typeof(double)), ("max", typeof(double))),
            [.. c.Curves.Select(p => new object?[] { p.Metric, p.Ordering, p.IsBaseline, p.Step, p.Seeds, p.Mean, p.Std, p.Min, p.Max })]),
    };

    private static List<TableColumn> Columns(params (string Name, Type Type)[] columns) => [.. columns.Select(c => new TableColumn(c.Name, c.Type))];
}
