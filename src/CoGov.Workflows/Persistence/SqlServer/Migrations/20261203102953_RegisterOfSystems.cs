using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.SqlServer.Migrations
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
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DataSources",
                table: "Systems",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DecisionsSupported",
                table: "Systems",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "HumanOversight",
                table: "Systems",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ImpactAssessments",
                table: "Systems",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerId",
                table: "Systems",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RegisterVersion",
                table: "Systems",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Retention",
                table: "Systems",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Systems",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "StatusHistory",
                table: "Systems",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "StorageJurisdiction",
                table: "Systems",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "WorkersAffected",
                table: "Systems",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "WorkersAffectedCount",
                table: "Systems",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SystemVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SystemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    By = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ByPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Change = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Entry = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
            // the shape of Domain.Systems.RegisterSnapshot.
            migrationBuilder.Sql("""
                UPDATE s SET
                    [Status] = N'InUse',
                    [RegisterVersion] = 1,
                    [ImpactAssessments] = N'[]',
                    [StatusHistory] = (SELECT N'InUse' AS [Status],
                                              (SELECT CONVERT(char(10), SWITCHOFFSET(MIN(a.[OpenedAt]), '+00:00'), 23)
                                               FROM [Assessments] AS a WHERE a.[SystemId] = s.[Id]) AS [Since],
                                              N'' AS [Reason]
                                       FOR JSON PATH, INCLUDE_NULL_VALUES)
                FROM [Systems] AS s;

                INSERT INTO [SystemVersions] ([Id], [SystemId], [Number], [At], [By], [ByPersonId], [Change], [Entry])
                SELECT NEWID(), s.[Id], 1, TODATETIMEOFFSET(SYSUTCDATETIME(), 0), N'CoGov', NULL,
                    N'Carried over from before the register kept versions.',
                    (SELECT s.[Key] AS [Key], s.[Name] AS [Name], s.[Purpose] AS [Purpose], s.[Vendor] AS [Vendor],
                            s.[Sourcing] AS [Sourcing], s.[ContractNotes] AS [ContractNotes], JSON_QUERY(s.[PersonalData]) AS [PersonalData],
                            s.[Department] AS [Department], s.[Status] AS [Status], JSON_QUERY(s.[StatusHistory]) AS [StatusHistory],
                            NULL AS [OwnerId], NULL AS [OwnerName], N'' AS [Contact], N'' AS [DecisionsSupported], N'' AS [HumanOversight],
                            N'' AS [DataSources], N'' AS [StorageJurisdiction], N'' AS [Retention], N'' AS [WorkersAffected],
                            NULL AS [WorkersAffectedCount], JSON_QUERY(N'[]') AS [ImpactAssessments]
                     FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES)
                FROM [Systems] AS s;
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
