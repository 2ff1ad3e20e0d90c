using CoGov.Domain.Organisations;
using CoGov.Workflows.Calendar;
using CoGov.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        // Every request for a feed is looked up by its hash; one address is one feed.
        builder.Property(f => f.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasIndex(f => new { f.MembershipId, f.Kind }).IsUnique();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        // Removing a member removes their feeds with the membership: the address answers 404 from that moment.
        builder.HasOne<Membership>().WithMany().HasForeignKey(f => f.MembershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
