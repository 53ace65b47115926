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
            migrationBuilder.AlterColumn<Guid>(
                name: "RecipientId",
                table: "email_outbox",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<Guid>(
                name: "MeetingId",
                table: "email_outbox",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "EventPosition",
                table: "email_outbox",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

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

            migrationBuilder.CreateIndex(
                name: "IX_email_outbox_MessageId",
                table: "email_outbox",
                column: "MessageId",
                unique: true);
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
