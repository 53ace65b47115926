using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Sqlite
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
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FromPosition = table.Column<long>(type: "INTEGER", nullable: false),
                    ToPosition = table.Column<long>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Duration = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    IsLong = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    StillTakesPart = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsOrganizer = table.Column<bool>(type: "INTEGER", nullable: false),
                    Response = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Declined = table.Column<int>(type: "INTEGER", nullable: false),
                    Pending = table.Column<int>(type: "INTEGER", nullable: false),
                    Tentative = table.Column<int>(type: "INTEGER", nullable: false)
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
