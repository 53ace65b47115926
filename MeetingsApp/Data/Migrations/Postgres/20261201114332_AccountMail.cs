using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetingsApp.Data.Migrations.Postgres
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
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<Guid>(
                name: "MeetingId",
                table: "email_outbox",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<long>(
                name: "EventPosition",
                table: "email_outbox",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "email_outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RegisteredBeforeConfirmation",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Accounts registered before confirmation was asked for were never sent a link: they keep signing in. Their
            // addresses stay unconfirmed, so meeting mail still waits until they confirm (the profile page offers it).
            migrationBuilder.Sql("""UPDATE "AspNetUsers" SET "RegisteredBeforeConfirmation" = TRUE WHERE NOT "EmailConfirmed";""");

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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "MeetingId",
                table: "email_outbox",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "EventPosition",
                table: "email_outbox",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
