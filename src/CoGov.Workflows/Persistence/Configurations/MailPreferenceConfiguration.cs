using CoGov.Domain.Organisations;
using CoGov.Workflows.MailPreferences;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class MailPreferenceConfiguration : IEntityTypeConfiguration<MailPreference>
{
    public void Configure(EntityTypeBuilder<MailPreference> builder)
    {
        builder.ToTable("MailPreferences");
        // A person belongs to one organisation, so one row per person is one per person and organisation.
        builder.HasKey(p => p.PersonId);
        builder.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Person>().WithOne().HasForeignKey<MailPreference>(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
