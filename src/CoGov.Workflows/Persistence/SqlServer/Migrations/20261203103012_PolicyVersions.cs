using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PolicyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurrentVersion",
                table: "RoutingPolicies",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "RoutingPolicyVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PolicyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Document = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    By = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Change = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingPolicyVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoutingPolicyVersions_RoutingPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "RoutingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RoutingPolicyVersions_PolicyId_Number",
                table: "RoutingPolicyVersions",
                columns: new[] { "PolicyId", "Number" },
                unique: true);

            // ---- Carry-over (hand-written; copy this block across if the migration is regenerated) ----
            // Each existing policy becomes version 1 of itself: the version row takes the policy's document, and the
            // policy's own id (one row per policy, so it is unique), dated when the migration ran
            // (UTC), by CoGov, since who set it first was never recorded.
            migrationBuilder.Sql("""
                UPDATE [RoutingPolicies] SET [CurrentVersion] = 1;
                INSERT INTO [RoutingPolicyVersions] ([Id], [PolicyId], [Number], [Document], [At], [By], [Change])
                SELECT [Id], [Id], 1, [Document], SWITCHOFFSET(SYSDATETIMEOFFSET(), '+00:00'), 'CoGov', 'The policy in force when CoGov began to keep its versions.'
                FROM [RoutingPolicies];
                """);
            // ---- End of carry-over ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoutingPolicyVersions");

            migrationBuilder.DropColumn(
                name: "CurrentVersion",
                table: "RoutingPolicies");
        }
    }
}
