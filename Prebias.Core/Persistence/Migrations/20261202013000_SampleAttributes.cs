using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prebias.Core.Persistence.Migrations
{
    /// <summary>
    /// sample_attributes: the numeric values of corpus document attributes per sample (attr.* metrics), written by
    /// SampleAttributeStore. Managed in SQL like sample_metrics: no EF entity, so the model snapshot is unchanged.
    /// </summary>
    [DbContext(typeof(PrebiasDbContext))]
    [Migration("20261202013000_SampleAttributes")]
    public partial class SampleAttributes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS sample_attributes (
                    dataset_id uuid NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
                    name text NOT NULL,
                    sample_id integer NOT NULL,
                    value double precision NOT NULL,
                    PRIMARY KEY (dataset_id, name, sample_id)
                )
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS sample_attributes");
        }
    }
}
