using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Records : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoredRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Cycle = table.Column<int>(type: "INTEGER", nullable: true),
                    MeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Length = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    GeneratedByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GeneratedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    GeneratedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LogHeadHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredRecords_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoredRecords_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoredRecords_People_GeneratedByPersonId",
                        column: x => x.GeneratedByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StoredRecords_Systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "Systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredRecords_AssessmentId",
                table: "StoredRecords",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredRecords_GeneratedByPersonId",
                table: "StoredRecords",
                column: "GeneratedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredRecords_OrganisationId_Kind_GeneratedAt",
                table: "StoredRecords",
                columns: new[] { "OrganisationId", "Kind", "GeneratedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredRecords_SystemId_GeneratedAt",
                table: "StoredRecords",
                columns: new[] { "SystemId", "GeneratedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredRecords");
        }
    }
}
