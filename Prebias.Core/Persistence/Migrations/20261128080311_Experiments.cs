using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prebias.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    dataset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    spec = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    job_id = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiments", x => x.id);
                    table.ForeignKey(
                        name: "fk_experiments_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "divergences",
                columns: table => new
                {
                    experiment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<long>(type: "bigint", nullable: false),
                    baseline_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    val_loss_gap = table.Column<double>(type: "double precision", nullable: true),
                    kl_divergence = table.Column<double>(type: "double precision", nullable: true),
                    embedding_cka = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_divergences", x => new { x.experiment_id, x.run_id, x.step });
                    table.ForeignKey(
                        name: "fk_divergences_experiments_experiment_id",
                        column: x => x.experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_experiments_dataset_id",
                table: "experiments",
                column: "dataset_id");

            migrationBuilder.AddForeignKey(
                name: "fk_runs_experiments_experiment_id",
                table: "runs",
                column: "experiment_id",
                principalTable: "experiments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_runs_experiments_experiment_id",
                table: "runs");

            migrationBuilder.DropTable(
                name: "divergences");

            migrationBuilder.DropTable(
                name: "experiments");
        }
    }
}
