using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prebias.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TextQualityMetrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // sample_metrics follows the metric registry (see the Datasets migration): four columns for the metrics
            // that tell whether a text is language at all. Existing rows get NULL until the metrics job runs again.
            migrationBuilder.Sql("""
                ALTER TABLE sample_metrics
                    ADD COLUMN IF NOT EXISTS "repetition_rate" double precision,
                    ADD COLUMN IF NOT EXISTS "distinct_2" double precision,
                    ADD COLUMN IF NOT EXISTS "oov_rate" double precision,
                    ADD COLUMN IF NOT EXISTS "ngram_perplexity" double precision
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE sample_metrics
                    DROP COLUMN IF EXISTS "repetition_rate",
                    DROP COLUMN IF EXISTS "distinct_2",
                    DROP COLUMN IF EXISTS "oov_rate",
                    DROP COLUMN IF EXISTS "ngram_perplexity"
                """);
        }
    }
}
