using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "email_outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RegisteredBeforeConfirmation",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Accounts registered before confirmation was asked for were never sent a link: they keep signing in. Their
            // addresses stay unconfirmed, so meeting mail still waits until they confirm (the profile page offers it).
            migrationBuilder.Sql("""UPDATE "AspNetUsers" SET "RegisteredBeforeConfirmation" = 1 WHERE "EmailConfirmed" = 0;""");

            // RecipientId, MeetingId and EventPosition become optional (account mail has no meeting). SQLite cannot alter
            // a column, so the table is made again, here by hand: EF Core's own rebuild (AlterColumn) turns foreign keys
            // off around it, which cannot be done inside a transaction, and so splits the migration into three
            // transactions with its history row after them, where a stop half-way leaves a database that no later
            // start can migrate. No foreign key leads to or from email_outbox, so this is the same rebuild in the
            // migration's one transaction, and the same schema as EF Core's.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_email_outbox" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_email_outbox" PRIMARY KEY AUTOINCREMENT,
                    "Attempts" INTEGER NOT NULL,
                    "ClaimedUntil" TEXT NULL,
                    "CreatedAt" TEXT NOT NULL,
                    "EventPosition" INTEGER NULL,
                    "Kind" INTEGER NOT NULL,
                    "LastError" TEXT NULL,
                    "MeetingId" TEXT NULL,
                    "MessageId" TEXT NOT NULL,
                    "Method" TEXT NOT NULL,
                    "Mime" TEXT NOT NULL,
                    "NextAttemptAt" TEXT NOT NULL,
                    "Purpose" TEXT NOT NULL,
                    "RecipientId" TEXT NULL,
                    "SentAt" TEXT NULL,
                    "Status" INTEGER NOT NULL,
                    "Subject" TEXT NOT NULL,
                    "To" TEXT NOT NULL
                );
                INSERT INTO "ef_temp_email_outbox" ("Id", "Attempts", "ClaimedUntil", "CreatedAt", "EventPosition", "Kind", "LastError", "MeetingId", "MessageId", "Method", "Mime", "NextAttemptAt", "Purpose", "RecipientId", "SentAt", "Status", "Subject", "To")
                SELECT "Id", "Attempts", "ClaimedUntil", "CreatedAt", "EventPosition", "Kind", "LastError", "MeetingId", "MessageId", "Method", "Mime", "NextAttemptAt", "Purpose", "RecipientId", "SentAt", "Status", "Subject", "To"
                FROM "email_outbox";
                DROP TABLE "email_outbox";
                ALTER TABLE "ef_temp_email_outbox" RENAME TO "email_outbox";
                CREATE UNIQUE INDEX "IX_email_outbox_EventPosition_RecipientId" ON "email_outbox" ("EventPosition", "RecipientId");
                CREATE INDEX "IX_email_outbox_MeetingId_RecipientId_Id" ON "email_outbox" ("MeetingId", "RecipientId", "Id");
                CREATE UNIQUE INDEX "IX_email_outbox_MessageId" ON "email_outbox" ("MessageId");
                CREATE INDEX "IX_email_outbox_Status_NextAttemptAt" ON "email_outbox" ("Status", "NextAttemptAt");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_email_outbox_MessageId",
                table: "email_outbox");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "email_outbox");

            migrationBuilder.DropColumn(
                name: "RegisteredBeforeConfirmation",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<Guid>(
                name: "RecipientId",
                table: "email_outbox",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "MeetingId",
                table: "email_outbox",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "EventPosition",
                table: "email_outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
