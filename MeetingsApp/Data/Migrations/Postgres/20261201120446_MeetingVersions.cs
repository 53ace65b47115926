using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MeetingVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meeting_version_participants",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ValidTo = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FromPosition = table.Column<long>(type: "bigint", nullable: false),
                    ToPosition = table.Column<long>(type: "bigint", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Duration = table.Column<TimeSpan>(type: "interval", nullable: false),
                    IsLong = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    StillTakesPart = table.Column<bool>(type: "boolean", nullable: false),
                    IsOrganizer = table.Column<bool>(type: "boolean", nullable: false),
                    Response = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Declined = table.Column<int>(type: "integer", nullable: false),
                    Pending = table.Column<int>(type: "integer", nullable: false),
                    Tentative = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_version_participants", x => new { x.MeetingId, x.Version, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "ix_meeting_versions_as_of",
                table: "meeting_version_participants",
                columns: new[] { "UserId", "StillTakesPart", "ValidTo", "ValidFrom", "Start", "MeetingId", "Version", "Title", "Duration", "Status", "IsOrganizer", "Response", "Accepted", "Tentative", "Declined", "Pending" });

            migrationBuilder.CreateIndex(
                name: "ix_meeting_versions_calendar",
                table: "meeting_version_participants",
                columns: new[] { "UserId", "IsLong", "Start" });

            // The new projection fills from the log at start-up, from position 0, like any subscriber without a checkpoint.
            migrationBuilder.Sql("DELETE FROM subscription_checkpoints WHERE name = 'meeting-versions';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meeting_version_participants");
        }
    }
}
