using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prebias.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContentIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "content_ids",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<long>(type: "bigint", nullable: false),
                    content_id = table.Column<string>(type: "character varying(71)", maxLength: 71, nullable: false),
                    manifest = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_ids", x => new { x.kind, x.resource_id, x.step });
                });

            migrationBuilder.CreateIndex(
                name: "ix_content_ids_content_id",
                table: "content_ids",
                column: "content_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "content_ids");
        }
    }
}
