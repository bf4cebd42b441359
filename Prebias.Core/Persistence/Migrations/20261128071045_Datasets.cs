using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prebias.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Datasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "corpora",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    source_kind = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    job_id = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    document_count = table.Column<int>(type: "integer", nullable: true),
                    bytes = table.Column<long>(type: "bigint", nullable: true),
                    sha256 = table.Column<string>(type: "text", nullable: true),
                    skipped_documents = table.Column<int>(type: "integer", nullable: false),
                    skip_report = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_corpora", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tokenizers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    job_id = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    vocab_size = table.Column<int>(type: "integer", nullable: true),
                    bos_id = table.Column<int>(type: "integer", nullable: true),
                    eos_id = table.Column<int>(type: "integer", nullable: true),
                    sha256 = table.Column<string>(type: "text", nullable: true),
                    corpus_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tokenizers", x => x.id);
                    table.ForeignKey(
                        name: "fk_tokenizers_corpora_corpus_id",
                        column: x => x.corpus_id,
                        principalTable: "corpora",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    corpus_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tokenizer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    max_seq_len = table.Column<int>(type: "integer", nullable: false),
                    val_fraction = table.Column<double>(type: "double precision", nullable: false),
                    seed = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    job_id = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    sample_count = table.Column<int>(type: "integer", nullable: true),
                    train_count = table.Column<int>(type: "integer", nullable: true),
                    val_count = table.Column<int>(type: "integer", nullable: true),
                    truncated_count = table.Column<int>(type: "integer", nullable: true),
                    token_count = table.Column<long>(type: "bigint", nullable: true),
                    pad_id = table.Column<int>(type: "integer", nullable: true),
                    token_store_sha256 = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_datasets", x => x.id);
                    table.ForeignKey(
                        name: "fk_datasets_corpora_corpus_id",
                        column: x => x.corpus_id,
                        principalTable: "corpora",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_datasets_tokenizers_tokenizer_id",
                        column: x => x.tokenizer_id,
                        principalTable: "tokenizers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "samples",
                columns: table => new
                {
                    dataset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<int>(type: "integer", nullable: false),
                    document_index = table.Column<int>(type: "integer", nullable: false),
                    token_count = table.Column<int>(type: "integer", nullable: false),
                    split = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    truncated = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_samples", x => new { x.dataset_id, x.id });
                    table.ForeignKey(
                        name: "fk_samples_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_corpora_created_at",
                table: "corpora",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_datasets_corpus_id",
                table: "datasets",
                column: "corpus_id");

            migrationBuilder.CreateIndex(
                name: "ix_datasets_tokenizer_id",
                table: "datasets",
                column: "tokenizer_id");

            migrationBuilder.CreateIndex(
                name: "ix_samples_dataset_id_split",
                table: "samples",
                columns: new[] { "dataset_id", "split" });

            migrationBuilder.CreateIndex(
                name: "ix_tokenizers_corpus_id",
                table: "tokenizers",
                column: "corpus_id");
        
            // sample_metrics: one double column per registered metric (MetricRegistry), written with binary COPY by
            // SampleMetricsStore. Managed in SQL rather than as an EF entity because its columns follow the registry.
            migrationBuilder.Sql("""
                CREATE TABLE sample_metrics (
                    dataset_id uuid NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
                    sample_id integer NOT NULL,
                    "token_count" double precision,
                    "sentence_count" double precision,
                    "mean_sentence_length" double precision,
                    "mean_word_length" double precision,
                    "compression_ratio" double precision,
                    "flesch_kincaid_grade" double precision,
                    "flesch_reading_ease" double precision,
                    "gunning_fog" double precision,
                    "vocabulary_diversity" double precision,
                    "mtld" double precision,
                    "bleu" double precision,
                    "sentiment" double precision,
                    "subjectivity" double precision,
                    "profanity_rate" double precision,
                    "male_word_rate" double precision,
                    "female_word_rate" double precision,
                    "gender_ratio" double precision,
                    "occupation_male_cooccurrence" double precision,
                    "occupation_female_cooccurrence" double precision,
                    "occupation_sentence_count" double precision,
                    "perplexity" double precision,
                    PRIMARY KEY (dataset_id, sample_id)
                )
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS sample_metrics");

            migrationBuilder.DropTable(
                name: "samples");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropTable(
                name: "tokenizers");

            migrationBuilder.DropTable(
                name: "corpora");
        }
    }
}
