using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialEventStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", nullable: false),
                    entity_version = table.Column<int>(type: "INTEGER", nullable: false),
                    schema_version = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    meta = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "event_version_constraint",
                table: "events",
                columns: new[] { "entity_id", "entity_version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_created_at",
                table: "events",
                column: "created_at");

            // The log is append-only: the database itself refuses to change or remove an event.
            migrationBuilder.Sql("""
                CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events are immutable: UPDATE is not allowed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'events are immutable: DELETE is not allowed'); END;
                """);
            // Finds an earlier append of the same command id (idempotent retries) without a scan.
            migrationBuilder.Sql("CREATE INDEX ix_events_command_id ON events (json_extract(meta, '$.commandId'));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_events_command_id;");
            migrationBuilder.Sql("DROP TRIGGER events_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER events_no_update;");
            migrationBuilder.DropTable(
                name: "events");
        }
    }
}
