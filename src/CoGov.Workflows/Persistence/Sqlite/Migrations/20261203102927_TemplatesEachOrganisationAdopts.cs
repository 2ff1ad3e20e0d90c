using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TemplatesEachOrganisationAdopts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Templates_Key_Version",
                table: "Templates");

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerId",
                table: "Templates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Key",
                table: "TemplateQuestions",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "QuestionKey",
                table: "QuestionItems",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "TemplateAdoptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TemplateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    AdoptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AdoptedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TemplateAdoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TemplateAdoptions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TemplateAdoptions_Templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "Templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Templates_Key",
                table: "Templates",
                column: "Key");

            migrationBuilder.CreateIndex(
                name: "IX_Templates_OwnerId_Key_Version",
                table: "Templates",
                columns: new[] { "OwnerId", "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TemplateAdoptions_OrganisationId_TemplateKey",
                table: "TemplateAdoptions",
                columns: new[] { "OrganisationId", "TemplateKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TemplateAdoptions_TemplateId",
                table: "TemplateAdoptions",
                column: "TemplateId");

            migrationBuilder.AddForeignKey(
                name: "FK_Templates_Organisations_OwnerId",
                table: "Templates",
                column: "OwnerId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Carry-over, hand-written (copy this block across if the migration is regenerated on top of another):
            // 1. Every question of every template gets a key. The bundled templates' questions get the keys their YAML now
            //    gives, matched by template key and number in every version: until now answers carried over by number, so
            //    one number keeps one key across a template's versions and carry-over does what it did. Any other
            //    template's questions are question-N, as a file without keys gets.
            // 2. Each cycle's questions take the key of their template's question with the same number.
            // 3. Which organisation uploaded a template was never recorded, so every existing template stays in the
            //    library (OwnerId empty), and every organisation adopts the newest version of each, the one its cycles
            //    opened on until now (decision record 12).
            migrationBuilder.Sql("""
                WITH "BundledKeys"("TemplateKey", "Number", "Key") AS (VALUES
                    ('psi-co-governance', 1, 'systems-and-purposes'),
                    ('psi-co-governance', 2, 'designers-and-vendors'),
                    ('psi-co-governance', 3, 'contractual-arrangements'),
                    ('psi-co-governance', 4, 'algorithm-disclosure'),
                    ('psi-co-governance', 5, 'oversight-mechanisms'),
                    ('psi-co-governance', 6, 'remedies'),
                    ('psi-co-governance', 7, 'legal-compliance'),
                    ('psi-co-governance', 8, 'accountable-managers'),
                    ('psi-co-governance', 9, 'right-to-challenge'),
                    ('psi-co-governance', 10, 'personal-data-protection'),
                    ('psi-co-governance', 11, 'data-sold-or-moved'),
                    ('psi-co-governance', 12, 'access-and-correction'),
                    ('psi-co-governance', 13, 'risk-and-impact-assessments'),
                    ('psi-co-governance', 14, 'harm-monitoring'),
                    ('psi-co-governance', 15, 'periodic-reassessment'),
                    ('psi-co-governance', 16, 'amending-the-systems'),
                    ('psi-co-governance', 17, 'logging-assessments'),
                    ('psi-co-governance', 18, 'party-to-governance'),
                    ('psi-co-governance', 19, 'skills-and-competencies'),
                    ('data-lifecycle-at-work', 1, 'collection-tools'),
                    ('data-lifecycle-at-work', 2, 'data-sources'),
                    ('data-lifecycle-at-work', 3, 'informed-before-introduction'),
                    ('data-lifecycle-at-work', 4, 'right-to-reject-tools'),
                    ('data-lifecycle-at-work', 5, 'inferences-and-their-uses'),
                    ('data-lifecycle-at-work', 6, 'purposes-and-red-lines'),
                    ('data-lifecycle-at-work', 7, 'seeing-and-correcting-inferences'),
                    ('data-lifecycle-at-work', 8, 'bias-checks'),
                    ('data-lifecycle-at-work', 9, 'storage-and-jurisdiction'),
                    ('data-lifecycle-at-work', 10, 'cross-border-access'),
                    ('data-lifecycle-at-work', 11, 'notice-of-storage-changes'),
                    ('data-lifecycle-at-work', 12, 'deletion'),
                    ('data-lifecycle-at-work', 13, 'sale-or-transfer'),
                    ('data-lifecycle-at-work', 14, 'right-to-block-transfer'),
                    ('data-lifecycle-at-work', 15, 'deletion-on-request'))
                UPDATE "TemplateQuestions" SET "Key" = COALESCE(
                    (SELECT b."Key" FROM "BundledKeys" AS b
                     JOIN "TemplateThemes" AS th ON th."Id" = "TemplateQuestions"."ThemeId"
                     JOIN "Templates" AS t ON t."Id" = th."TemplateId"
                     WHERE b."TemplateKey" = t."Key" AND b."Number" = "TemplateQuestions"."Number"),
                    'question-' || "Number");

                UPDATE "QuestionItems" SET "QuestionKey" = COALESCE(
                    (SELECT q."Key" FROM "Assessments" AS a
                     JOIN "TemplateThemes" AS th ON th."TemplateId" = a."TemplateId"
                     JOIN "TemplateQuestions" AS q ON q."ThemeId" = th."Id"
                     WHERE a."Id" = "QuestionItems"."AssessmentId" AND q."Number" = "QuestionItems"."Number"),
                    'question-' || "Number");

                INSERT INTO "TemplateAdoptions" ("Id", "OrganisationId", "TemplateKey", "TemplateId", "TemplateVersion", "AdoptedAt", "AdoptedBy", "Version")
                SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-A' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)),
                       o."Id", t."Key", t."Id", t."Version",
                       CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER), 'CoGov', 0
                FROM "Organisations" AS o CROSS JOIN "Templates" AS t
                WHERE t."Version" = (SELECT MAX(t2."Version") FROM "Templates" AS t2 WHERE t2."Key" = t."Key");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Templates_Organisations_OwnerId",
                table: "Templates");

            migrationBuilder.DropTable(
                name: "TemplateAdoptions");

            migrationBuilder.DropIndex(
                name: "IX_Templates_Key",
                table: "Templates");

            migrationBuilder.DropIndex(
                name: "IX_Templates_OwnerId_Key_Version",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "Key",
                table: "TemplateQuestions");

            migrationBuilder.DropColumn(
                name: "QuestionKey",
                table: "QuestionItems");

            migrationBuilder.CreateIndex(
                name: "IX_Templates_Key_Version",
                table: "Templates",
                columns: new[] { "Key", "Version" },
                unique: true);
        }
    }
}
