using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.SqlServer.Migrations
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Key",
                table: "TemplateQuestions",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "QuestionKey",
                table: "QuestionItems",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "TemplateAdoptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TemplateKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TemplateId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TemplateVersion = table.Column<int>(type: "int", nullable: false),
                    AdoptedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AdoptedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
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
                UPDATE [TemplateQuestions] SET [Key] = N'question-' + CAST([Number] AS nvarchar(10));
                """);
            migrationBuilder.Sql("""
                UPDATE q SET q.[Key] = b.[Key]
                FROM [TemplateQuestions] AS q
                JOIN [TemplateThemes] AS th ON th.[Id] = q.[ThemeId]
                JOIN [Templates] AS t ON t.[Id] = th.[TemplateId]
                JOIN (VALUES
                    (N'psi-co-governance', 1, N'systems-and-purposes'),
                    (N'psi-co-governance', 2, N'designers-and-vendors'),
                    (N'psi-co-governance', 3, N'contractual-arrangements'),
                    (N'psi-co-governance', 4, N'algorithm-disclosure'),
                    (N'psi-co-governance', 5, N'oversight-mechanisms'),
                    (N'psi-co-governance', 6, N'remedies'),
                    (N'psi-co-governance', 7, N'legal-compliance'),
                    (N'psi-co-governance', 8, N'accountable-managers'),
                    (N'psi-co-governance', 9, N'right-to-challenge'),
                    (N'psi-co-governance', 10, N'personal-data-protection'),
                    (N'psi-co-governance', 11, N'data-sold-or-moved'),
                    (N'psi-co-governance', 12, N'access-and-correction'),
                    (N'psi-co-governance', 13, N'risk-and-impact-assessments'),
                    (N'psi-co-governance', 14, N'harm-monitoring'),
                    (N'psi-co-governance', 15, N'periodic-reassessment'),
                    (N'psi-co-governance', 16, N'amending-the-systems'),
                    (N'psi-co-governance', 17, N'logging-assessments'),
                    (N'psi-co-governance', 18, N'party-to-governance'),
                    (N'psi-co-governance', 19, N'skills-and-competencies'),
                    (N'data-lifecycle-at-work', 1, N'collection-tools'),
                    (N'data-lifecycle-at-work', 2, N'data-sources'),
                    (N'data-lifecycle-at-work', 3, N'informed-before-introduction'),
                    (N'data-lifecycle-at-work', 4, N'right-to-reject-tools'),
                    (N'data-lifecycle-at-work', 5, N'inferences-and-their-uses'),
                    (N'data-lifecycle-at-work', 6, N'purposes-and-red-lines'),
                    (N'data-lifecycle-at-work', 7, N'seeing-and-correcting-inferences'),
                    (N'data-lifecycle-at-work', 8, N'bias-checks'),
                    (N'data-lifecycle-at-work', 9, N'storage-and-jurisdiction'),
                    (N'data-lifecycle-at-work', 10, N'cross-border-access'),
                    (N'data-lifecycle-at-work', 11, N'notice-of-storage-changes'),
                    (N'data-lifecycle-at-work', 12, N'deletion'),
                    (N'data-lifecycle-at-work', 13, N'sale-or-transfer'),
                    (N'data-lifecycle-at-work', 14, N'right-to-block-transfer'),
                    (N'data-lifecycle-at-work', 15, N'deletion-on-request')
                ) AS b([TemplateKey], [Number], [Key]) ON b.[TemplateKey] = t.[Key] AND b.[Number] = q.[Number];
                """);
            migrationBuilder.Sql("""
                UPDATE i SET i.[QuestionKey] = COALESCE(q.[Key], N'question-' + CAST(i.[Number] AS nvarchar(10)))
                FROM [QuestionItems] AS i
                JOIN [Assessments] AS a ON a.[Id] = i.[AssessmentId]
                LEFT JOIN ([TemplateThemes] AS th JOIN [TemplateQuestions] AS q ON q.[ThemeId] = th.[Id])
                    ON th.[TemplateId] = a.[TemplateId] AND q.[Number] = i.[Number];
                """);
            migrationBuilder.Sql("""
                INSERT INTO [TemplateAdoptions] ([Id], [OrganisationId], [TemplateKey], [TemplateId], [TemplateVersion], [AdoptedAt], [AdoptedBy], [Version])
                SELECT NEWID(), o.[Id], t.[Key], t.[Id], t.[Version], TODATETIMEOFFSET(SYSUTCDATETIME(), 0), N'CoGov', CAST(0 AS bigint)
                FROM [Organisations] AS o CROSS JOIN [Templates] AS t
                WHERE t.[Version] = (SELECT MAX(t2.[Version]) FROM [Templates] AS t2 WHERE t2.[Key] = t.[Key]);
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
