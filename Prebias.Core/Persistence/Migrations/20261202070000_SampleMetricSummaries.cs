using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prebias.Core.Persistence.Migrations
{
    /// <summary>
    /// sample_metric_summaries: one row per dataset holding its metric summaries (all, train, val) and its default
    /// histograms, written once after each job that changes the dataset's metric values, so the summary and histogram
    /// routes stop scanning millions of values per request. Written by SampleMetricSummaryStore; managed in SQL like
    /// sample_metrics: no EF entity, so the model snapshot is unchanged. <c>version</c> counts the writes to the
    /// dataset's values: a summary computed before a later write is refused (see the store); <c>metrics</c> names
    /// the registry's metrics it was computed for, so a release that changes them answers live until the next job.
    /// </summary>
    [DbContext(typeof(PrebiasDbContext))]
    [Migration("20261202070000_SampleMetricSummaries")]
    public partial class SampleMetricSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS sample_metric_summaries (
                    dataset_id uuid PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
                    version bigint NOT NULL,
                    summaries jsonb,
                    histograms jsonb,
                    histogram_bins integer,
                    metrics text,
                    computed_at timestamptz
                )
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS sample_metric_summaries");
        }
    }
}
