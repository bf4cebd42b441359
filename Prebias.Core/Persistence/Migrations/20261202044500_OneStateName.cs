using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prebias.Core.Persistence.Migrations
{
    /// <summary>
    /// One name for "not started yet": jobs stored with Hangfire's "Awaiting" (a continuation waiting for its parent)
    /// become "Pending", as resources say and as <c>JobStates.Of</c> now stores them. Data only: the model snapshot is
    /// unchanged (the run row's jsonb columns keep their type; EF now maps them to records by value conversion).
    /// </summary>
    [DbContext(typeof(PrebiasDbContext))]
    [Migration("20261202044500_OneStateName")]
    public partial class OneStateName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE jobs SET state = 'Pending' WHERE state = 'Awaiting'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE jobs SET state = 'Awaiting' WHERE state = 'Pending'");
        }
    }
}
