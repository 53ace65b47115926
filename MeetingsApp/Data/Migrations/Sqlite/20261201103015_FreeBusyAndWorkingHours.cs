using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FreeBusyAndWorkingHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WorkDays",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 62);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkEnd",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(17, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WorkStart",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(9, 0, 0));

            migrationBuilder.CreateTable(
                name: "busy_intervals",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsOrganizer = table.Column<bool>(type: "INTEGER", nullable: false),
                    Response = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_busy_intervals", x => new { x.UserId, x.MeetingId });
                });

            migrationBuilder.CreateTable(
                name: "free_busy_meetings",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastPosition = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_free_busy_meetings", x => x.MeetingId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_busy_intervals_MeetingId",
                table: "busy_intervals",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_busy_intervals_UserId_Start",
                table: "busy_intervals",
                columns: new[] { "UserId", "Start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "busy_intervals");

            migrationBuilder.DropTable(
                name: "free_busy_meetings");

            migrationBuilder.DropColumn(
                name: "WorkDays",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "WorkEnd",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "WorkStart",
                table: "AspNetUsers");
        }
    }
}
