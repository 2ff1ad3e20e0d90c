using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.HasConcurrencyVersion();
        builder.HasIndex(o => o.Key).IsUnique();
        builder.Property(o => o.Key).HasMaxLength(Keys.MaxLength);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Sector).HasMaxLength(200);
        builder.Property(o => o.Country).HasMaxLength(2);
        builder.Property(o => o.Language).HasMaxLength(16);

        builder.HasMany(o => o.People).WithOne().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.People).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne(o => o.Committee).WithOne().HasForeignKey<JointCommittee>(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Committee).IsRequired();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.HasConcurrencyVersion();
        builder.HasIndex(p => new { p.OrganisationId, p.Key }).IsUnique();
        builder.Property(p => p.Key).HasMaxLength(Keys.MaxLength);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.Property(p => p.Department).HasMaxLength(200);
        builder.Property(p => p.Side).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.SuperiorId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class JointCommitteeConfiguration : IEntityTypeConfiguration<JointCommittee>
{
    public void Configure(EntityTypeBuilder<JointCommittee> builder)
    {
        builder.HasConcurrencyVersion();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Ignore(c => c.Quorum);
        builder.HasMany(c => c.Seats).WithOne().HasForeignKey(s => s.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Seats).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CommitteeSeatConfiguration : IEntityTypeConfiguration<CommitteeSeat>
{
    public void Configure(EntityTypeBuilder<CommitteeSeat> builder)
    {
        builder.ToTable("CommitteeSeats");
        builder.HasConcurrencyVersion();
        builder.HasIndex(s => new { s.CommitteeId, s.PersonId }).IsUnique();
        builder.Property(s => s.Side).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(16);
        // Restrict, not cascade: a person's seat goes when the committee goes, and SQL Server refuses two cascade paths.
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries", t => t.HasTrigger(AppendOnlyTables.TriggerName("AuditEntries")));
        // Read newest first, one organisation at a time.
        builder.HasIndex(e => new { e.OrganisationId, e.At });
        builder.Property(e => e.By).HasMaxLength(256);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        // Restrict: an organisation with an audit trail is not deleted from under it.
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
