using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchTitle",
                table: "meeting_summaries",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedDisplayName",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Filled here once by the connection's upper(), which is .NET's (SqliteConnectionSettings); from now on by AppUser as a
            // name is set and by the meetings projection as a title changes. Nothing is deleted, so a running older version goes on
            // (what it writes without these columns, SearchColumns.FillMissingAsync fills at the next start).
            migrationBuilder.Sql("UPDATE AspNetUsers SET NormalizedDisplayName = upper(DisplayName);");
            migrationBuilder.Sql("UPDATE meeting_summaries SET SearchTitle = upper(Title);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchTitle",
                table: "meeting_summaries");

            migrationBuilder.DropColumn(
                name: "NormalizedDisplayName",
                table: "AspNetUsers");
        }
    }
}
