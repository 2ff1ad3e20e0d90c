using CoGov.Domain.Organisations;
using CoGov.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.HasConcurrencyVersion();
        builder.HasIndex(m => new { m.UserId, m.OrganisationId }).IsUnique();
        // A JSON array of role names: the membership query reads them with the membership, in the one query every
        // request about an organisation already runs.
        builder.PrimitiveCollection(m => m.Roles).HasMaxLength(200);
        builder.HasOne<CoGovUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CoGovUserConfiguration : IEntityTypeConfiguration<CoGovUser>
{
    public void Configure(EntityTypeBuilder<CoGovUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(200);
}
