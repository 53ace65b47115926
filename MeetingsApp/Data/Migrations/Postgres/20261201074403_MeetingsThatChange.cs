using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MeetingsThatChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "notifications",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Duration",
                table: "notifications",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Location",
                table: "meeting_summaries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "meeting_summaries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Tentative",
                table: "meeting_summaries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "meeting_participants",
                type: "text",
                nullable: true);

            // The meeting read model gained what only the log can fill in (revision, location, notes, maybe): empty it, and
            // its subscriber refills it from position 0 at start-up, as a rebuild would.
            migrationBuilder.Sql("DELETE FROM meeting_participants;");
            migrationBuilder.Sql("DELETE FROM meeting_summaries;");
            migrationBuilder.Sql("UPDATE subscription_checkpoints SET position = 0 WHERE name = 'meetings';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Detail",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Duration",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Location",
                table: "meeting_summaries");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "meeting_summaries");

            migrationBuilder.DropColumn(
                name: "Tentative",
                table: "meeting_summaries");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "meeting_participants");
        }
    }
}
