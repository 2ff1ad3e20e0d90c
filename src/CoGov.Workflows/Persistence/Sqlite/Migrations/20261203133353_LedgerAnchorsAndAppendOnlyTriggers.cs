using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LogHeadHash",
                table: "SignOffs",
                type: "TEXT",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LogLength",
                table: "SignOffs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActingLogin",
                table: "LogEntries",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HashVersion",
                table: "LogEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "LogAnchors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cycle = table.Column<int>(type: "INTEGER", nullable: false),
                    LogLength = table.Column<int>(type: "INTEGER", nullable: false),
                    LogHeadHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SentTo = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
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
            //    whoever sends the SQL. A later migration that rebuilds one of these tables must create its triggers again.
            migrationBuilder.Sql("UPDATE \"LogEntries\" SET \"HashVersion\" = 1;");
            migrationBuilder.Sql("CREATE TRIGGER \"LogEntries_AppendOnly_Update\" BEFORE UPDATE ON \"LogEntries\" BEGIN SELECT RAISE(ABORT, 'LogEntries is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"LogEntries_AppendOnly_Delete\" BEFORE DELETE ON \"LogEntries\" BEGIN SELECT RAISE(ABORT, 'LogEntries is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SignOffs_AppendOnly_Update\" BEFORE UPDATE ON \"SignOffs\" BEGIN SELECT RAISE(ABORT, 'SignOffs is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SignOffs_AppendOnly_Delete\" BEFORE DELETE ON \"SignOffs\" BEGIN SELECT RAISE(ABORT, 'SignOffs is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"StoredRecords_AppendOnly_Update\" BEFORE UPDATE ON \"StoredRecords\" BEGIN SELECT RAISE(ABORT, 'StoredRecords is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"StoredRecords_AppendOnly_Delete\" BEFORE DELETE ON \"StoredRecords\" BEGIN SELECT RAISE(ABORT, 'StoredRecords is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"LogAnchors_AppendOnly_Update\" BEFORE UPDATE ON \"LogAnchors\" BEGIN SELECT RAISE(ABORT, 'LogAnchors is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"LogAnchors_AppendOnly_Delete\" BEFORE DELETE ON \"LogAnchors\" BEGIN SELECT RAISE(ABORT, 'LogAnchors is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_AppendOnly_Update\" BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_AppendOnly_Delete\" BEFORE DELETE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SystemVersions_AppendOnly_Update\" BEFORE UPDATE ON \"SystemVersions\" BEGIN SELECT RAISE(ABORT, 'SystemVersions is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"SystemVersions_AppendOnly_Delete\" BEFORE DELETE ON \"SystemVersions\" BEGIN SELECT RAISE(ABORT, 'SystemVersions is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"RoutingPolicyVersions_AppendOnly_Update\" BEFORE UPDATE ON \"RoutingPolicyVersions\" BEGIN SELECT RAISE(ABORT, 'RoutingPolicyVersions is append-only: CoGov refuses to change or delete its rows.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"RoutingPolicyVersions_AppendOnly_Delete\" BEFORE DELETE ON \"RoutingPolicyVersions\" BEGIN SELECT RAISE(ABORT, 'RoutingPolicyVersions is append-only: CoGov refuses to change or delete its rows.'); END;");
            // ---- End of the hand-written block. ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The hand-written triggers go first: dropping a column rebuilds the table.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LogEntries_AppendOnly_Update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LogEntries_AppendOnly_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SignOffs_AppendOnly_Update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SignOffs_AppendOnly_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"StoredRecords_AppendOnly_Update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"StoredRecords_AppendOnly_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LogAnchors_AppendOnly_Update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"LogAnchors_AppendOnly_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_AppendOnly_Update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_AppendOnly_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SystemVersions_AppendOnly_Update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SystemVersions_AppendOnly_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"RoutingPolicyVersions_AppendOnly_Update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"RoutingPolicyVersions_AppendOnly_Delete\";");

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
