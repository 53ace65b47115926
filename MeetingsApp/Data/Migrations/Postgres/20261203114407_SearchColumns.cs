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

            // Filled here once in SQL, from now on by AppUser as a name is set and by the meetings projection as a title
            // changes (both .NET's ToUpperInvariant). The database's own upper() follows its locale, and in a database made
            // with the C locale it upper-cases ASCII letters only; a UTF-8 collation of the operating system's (C.utf8 on
            // Debian, imported by initdb whatever the database's locale) upper-cases every letter, as .NET does, ß included
            // (it stays ß). Only C's or English ones: a Turkish one would make i an İ. Only where the server has none does
            // this fall back to the database's upper(). Nothing is deleted, so a running older version goes on (what it
            // writes without these columns, SearchColumns.FillMissingAsync fills at the next start).
            migrationBuilder.Sql("""
                DO $$
                DECLARE unicode text := (SELECT quote_ident(collname) FROM pg_collation
                    WHERE collprovider = 'c' AND collencoding IN (-1, pg_char_to_encoding('UTF8')) AND (collctype ILIKE 'C.utf%8' OR collctype ILIKE 'en\_%.utf%8')
                    ORDER BY collctype ILIKE 'C.%' DESC, collname LIMIT 1);
                    clause text := COALESCE(' COLLATE ' || unicode, '');
                BEGIN
                    EXECUTE 'UPDATE "AspNetUsers" SET "NormalizedDisplayName" = upper("DisplayName"' || clause || ')';
                    EXECUTE 'UPDATE meeting_summaries SET "SearchTitle" = upper("Title"' || clause || ')';
                END $$;
                """);
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
