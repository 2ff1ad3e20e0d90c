using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoGov.Workflows.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RolesBelongToAMembership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Roles",
                table: "Memberships",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "[]");

            // Each membership takes the roles its login held, which until now held in every organisation it belonged to:
            // no one loses a power, and from here an administrator can narrow them organisation by organisation. The
            // Identity rows are then removed, so no role a login once held can come back through Identity (decision
            // record 8). The names are written out: a migration must not change when the code's constants do.
            migrationBuilder.Sql("""
                UPDATE m SET [Roles] = COALESCE((
                    SELECT '[' + STRING_AGG('"' + r.[Name] + '"', ',') WITHIN GROUP (ORDER BY CASE r.[Name] WHEN 'Steward' THEN 0 WHEN 'Manager' THEN 1 WHEN 'CommitteeChair' THEN 2 ELSE 3 END) + ']'
                    FROM [AspNetUserRoles] AS ur
                    JOIN [AspNetRoles] AS r ON r.[Id] = ur.[RoleId]
                    WHERE ur.[UserId] = m.[UserId] AND r.[Name] IN ('Steward', 'Manager', 'CommitteeChair', 'Admin')), '[]')
                FROM [Memberships] AS m;
                DELETE FROM [AspNetUserRoles] WHERE [RoleId] IN (SELECT [Id] FROM [AspNetRoles] WHERE [Name] IN ('Steward', 'Manager', 'CommitteeChair', 'Admin'));
                DELETE FROM [AspNetRoleClaims] WHERE [RoleId] IN (SELECT [Id] FROM [AspNetRoles] WHERE [Name] IN ('Steward', 'Manager', 'CommitteeChair', 'Admin'));
                DELETE FROM [AspNetRoles] WHERE [Name] IN ('Steward', 'Manager', 'CommitteeChair', 'Admin');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The Identity role rows are not rebuilt: which organisation's roles a login should hold everywhere again is a
            // choice for whoever goes back, not one to make here.
            migrationBuilder.DropColumn(
                name: "Roles",
                table: "Memberships");
        }
    }
}
