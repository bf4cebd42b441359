using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prebias.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Runs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    dataset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seed = table.Column<long>(type: "bigint", nullable: false),
                    model = table.Column<string>(type: "jsonb", nullable: false),
                    training = table.Column<string>(type: "jsonb", nullable: false),
                    ordering = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    job_id = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    order_sha256 = table.Column<string>(type: "text", nullable: true),
                    order_length = table.Column<int>(type: "integer", nullable: true),
                    dataset_sha256 = table.Column<string>(type: "text", nullable: true),
                    tokenizer_sha256 = table.Column<string>(type: "text", nullable: true),
                    versions = table.Column<string>(type: "jsonb", nullable: true),
                    steps_done = table.Column<long>(type: "bigint", nullable: false),
                    tokens_per_second = table.Column<double>(type: "double precision", nullable: true),
                    evaluate_checkpoints = table.Column<bool>(type: "boolean", nullable: false),
                    parent_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    branch_from_step = table.Column<long>(type: "bigint", nullable: true),
                    branch_transform = table.Column<string>(type: "jsonb", nullable: true),
                    experiment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_runs_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_runs_runs_parent_run_id",
                        column: x => x.parent_run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "checkpoints",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<long>(type: "bigint", nullable: false),
                    tokens_seen = table.Column<long>(type: "bigint", nullable: false),
                    samples_seen = table.Column<long>(type: "bigint", nullable: false),
                    train_loss = table.Column<double>(type: "double precision", nullable: true),
                    val_loss = table.Column<double>(type: "double precision", nullable: true),
                    learning_rate = table.Column<double>(type: "double precision", nullable: false),
                    tokens_per_second = table.Column<double>(type: "double precision", nullable: true),
                    wall_seconds = table.Column<double>(type: "double precision", nullable: false),
                    weights_sha256 = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkpoints", x => new { x.run_id, x.step });
                    table.ForeignKey(
                        name: "fk_checkpoints_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "losses",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<long>(type: "bigint", nullable: false),
                    loss = table.Column<double>(type: "double precision", nullable: false),
                    learning_rate = table.Column<double>(type: "double precision", nullable: false),
                    grad_norm = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_losses", x => new { x.run_id, x.step });
                    table.ForeignKey(
                        name: "fk_losses_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_runs_created_at",
                table: "runs",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_runs_dataset_id",
                table: "runs",
                column: "dataset_id");

            migrationBuilder.CreateIndex(
                name: "ix_runs_experiment_id",
                table: "runs",
                column: "experiment_id");

            migrationBuilder.CreateIndex(
                name: "ix_runs_parent_run_id",
                table: "runs",
                column: "parent_run_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkpoints");

            migrationBuilder.DropTable(
                name: "losses");

            migrationBuilder.DropTable(
                name: "runs");
        }
    }
}
