using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegisterOfSystems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Contact",
                table: "Systems",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DataSources",
                table: "Systems",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DecisionsSupported",
                table: "Systems",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "HumanOversight",
                table: "Systems",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ImpactAssessments",
                table: "Systems",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerId",
                table: "Systems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RegisterVersion",
                table: "Systems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Retention",
                table: "Systems",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Systems",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "StatusHistory",
                table: "Systems",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "StorageJurisdiction",
                table: "Systems",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "WorkersAffected",
                table: "Systems",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "WorkersAffectedCount",
                table: "Systems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SystemVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ByPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Change = table.Column<string>(type: "TEXT", nullable: false),
                    Entry = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SystemVersions_Systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "Systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Systems_OwnerId",
                table: "Systems",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemVersions_SystemId_Number",
                table: "SystemVersions",
                columns: new[] { "SystemId", "Number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Systems_People_OwnerId",
                table: "Systems",
                column: "OwnerId",
                principalTable: "People",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // ---- Carry-over (hand-written; copy this block across if the migration is regenerated) ----
            // Systems registered before the register kept statuses are in use, since the day their first cycle opened
            // (an unrecorded day when none has), at register version 1; version 1 is written from what they hold, in
            // the shape of Domain.Systems.RegisterSnapshot. Ticks are UTC ticks (SqliteCoGovDbContext's converter).
            migrationBuilder.Sql("""
                UPDATE "Systems" SET
                    "Status" = 'InUse',
                    "RegisterVersion" = 1,
                    "ImpactAssessments" = '[]',
                    "StatusHistory" = json_array(json_object(
                        'Status', 'InUse',
                        'Since', (SELECT strftime('%Y-%m-%d', (MIN(a."OpenedAt") - 621355968000000000) / 10000000, 'unixepoch')
                                  FROM "Assessments" AS a WHERE a."SystemId" = "Systems"."Id"),
                        'Reason', ''));

                INSERT INTO "SystemVersions" ("Id", "SystemId", "Number", "At", "By", "ByPersonId", "Change", "Entry")
                SELECT
                    upper(substr(s.h, 1, 8) || '-' || substr(s.h, 9, 4) || '-7' || substr(s.h, 14, 3) || '-8' || substr(s.h, 18, 3) || '-' || substr(s.h, 21, 12)),
                    s."Id", 1,
                    CAST(strftime('%s', 'now') AS INTEGER) * 10000000 + 621355968000000000,
                    'CoGov', NULL,
                    'Carried over from before the register kept versions.',
                    json_object(
                        'Key', s."Key", 'Name', s."Name", 'Purpose', s."Purpose", 'Vendor', s."Vendor", 'Sourcing', s."Sourcing",
                        'ContractNotes', s."ContractNotes", 'PersonalData', json(s."PersonalData"), 'Department', s."Department",
                        'Status', s."Status", 'StatusHistory', json(s."StatusHistory"), 'OwnerId', NULL, 'OwnerName', NULL,
                        'Contact', '', 'DecisionsSupported', '', 'HumanOversight', '', 'DataSources', '', 'StorageJurisdiction', '',
                        'Retention', '', 'WorkersAffected', '', 'WorkersAffectedCount', NULL, 'ImpactAssessments', json('[]'))
                FROM (SELECT *, hex(randomblob(16)) AS h FROM "Systems") AS s;
                """);
            // ---- End of carry-over ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Systems_People_OwnerId",
                table: "Systems");

            migrationBuilder.DropTable(
                name: "SystemVersions");

            migrationBuilder.DropIndex(
                name: "IX_Systems_OwnerId",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "Contact",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "DataSources",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "DecisionsSupported",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "HumanOversight",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "ImpactAssessments",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "RegisterVersion",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "Retention",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "StatusHistory",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "StorageJurisdiction",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "WorkersAffected",
                table: "Systems");

            migrationBuilder.DropColumn(
                name: "WorkersAffectedCount",
                table: "Systems");
        }
    }
}
