using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Postgres
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedDisplayName",
                table: "AspNetUsers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Filled here once by the database's upper(), which follows the database's locale: in a database made with the C
            // locale only ASCII letters are upper-cased, so README asks for a rebuild of the projections after this upgrade
            // there. From now on AppUser fills the name as it is set, and the meetings projection the title as it changes.
            // Nothing is deleted, so a running older version goes on.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"NormalizedDisplayName\" = upper(\"DisplayName\");");
            migrationBuilder.Sql("UPDATE meeting_summaries SET \"SearchTitle\" = upper(\"Title\");");
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
