using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class LedgerAnchorsAndAppendOnlyTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LogLength",
                table: "StoredRecords",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LogHeadHash",
                table: "SignOffs",
                type: "nchar(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LogLength",
                table: "SignOffs",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActingLogin",
                table: "LogEntries",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HashVersion",
                table: "LogEntries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "LogAnchors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SystemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Cycle = table.Column<int>(type: "int", nullable: false),
                    LogLength = table.Column<int>(type: "int", nullable: false),
                    LogHeadHash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SentTo = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LogAnchors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LogAnchors_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LogAnchors_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LogAnchors_AssessmentId_At",
                table: "LogAnchors",
                columns: new[] { "AssessmentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LogAnchors_OrganisationId",
                table: "LogAnchors",
                column: "OrganisationId");

            // ---- Hand-written carry-over (decision record 19); copy this block across if the migration is regenerated. ----
            // 1. Every entry written before this migration was hashed without a login: version 1. Only the new column is
            //    written; every other byte of the old entries stays as it was, so they verify as before.
            // 2. The database itself refuses UPDATE and DELETE on the append-only tables (LogEntries, SignOffs, StoredRecords, LogAnchors, AuditEntries, SystemVersions, RoutingPolicyVersions),
            //    whoever sends the SQL. AFTER triggers, since SQL Server allows no INSTEAD OF DELETE trigger on a table
            //    with a cascading foreign key (RoutingPolicyVersions); THROW rolls the statement's transaction back.
            //    In EXEC because CREATE TRIGGER must start its own batch, and the idempotent script wraps each statement in IF.
            migrationBuilder.Sql("UPDATE [LogEntries] SET [HashVersion] = 1;");
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [dbo].[LogEntries_AppendOnly] ON [dbo].[LogEntries] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, N''LogEntries is append-only: CoGov refuses to change or delete its rows.'', 1; END');");
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [dbo].[SignOffs_AppendOnly] ON [dbo].[SignOffs] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, N''SignOffs is append-only: CoGov refuses to change or delete its rows.'', 1; END');");
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [dbo].[StoredRecords_AppendOnly] ON [dbo].[StoredRecords] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, N''StoredRecords is append-only: CoGov refuses to change or delete its rows.'', 1; END');");
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [dbo].[LogAnchors_AppendOnly] ON [dbo].[LogAnchors] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, N''LogAnchors is append-only: CoGov refuses to change or delete its rows.'', 1; END');");
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [dbo].[AuditEntries_AppendOnly] ON [dbo].[AuditEntries] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, N''AuditEntries is append-only: CoGov refuses to change or delete its rows.'', 1; END');");
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [dbo].[SystemVersions_AppendOnly] ON [dbo].[SystemVersions] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, N''SystemVersions is append-only: CoGov refuses to change or delete its rows.'', 1; END');");
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [dbo].[RoutingPolicyVersions_AppendOnly] ON [dbo].[RoutingPolicyVersions] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, N''RoutingPolicyVersions is append-only: CoGov refuses to change or delete its rows.'', 1; END');");
            // ---- End of the hand-written block. ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The hand-written triggers go first.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[LogEntries_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[SignOffs_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[StoredRecords_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[LogAnchors_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[AuditEntries_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[SystemVersions_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[RoutingPolicyVersions_AppendOnly];");

            migrationBuilder.DropTable(
                name: "LogAnchors");

            migrationBuilder.DropColumn(
                name: "LogLength",
                table: "StoredRecords");

            migrationBuilder.DropColumn(
                name: "LogHeadHash",
                table: "SignOffs");

            migrationBuilder.DropColumn(
                name: "LogLength",
                table: "SignOffs");

            migrationBuilder.DropColumn(
                name: "ActingLogin",
                table: "LogEntries");

            migrationBuilder.DropColumn(
                name: "HashVersion",
                table: "LogEntries");
        }
    }
}
