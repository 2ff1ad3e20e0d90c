using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CommitteeQuorumRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Carry-over: every existing committee gets the equal-representation rule (QuorumRule.EqualRepresentation),
            // one present from each side in equal numbers, by the columns' defaults.
            migrationBuilder.AddColumn<int>(
                name: "QuorumMinimumPerSide",
                table: "Committees",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "QuorumSidesEqual",
                table: "Committees",
                type: "bit",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "QuorumMinimumPerSide",
                table: "Committees");

            migrationBuilder.DropColumn(
                name: "QuorumSidesEqual",
                table: "Committees");
        }
    }
}
