using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class LogAnchorConfiguration : IEntityTypeConfiguration<LogAnchor>
{
    public void Configure(EntityTypeBuilder<LogAnchor> builder)
    {
        builder.ToTable("LogAnchors", t => t.HasTrigger(AppendOnlyTables.TriggerName("LogAnchors")));
        builder.HasIndex(a => new { a.AssessmentId, a.At });
        builder.Property(a => a.LogHeadHash).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.SentTo).HasMaxLength(2000);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
