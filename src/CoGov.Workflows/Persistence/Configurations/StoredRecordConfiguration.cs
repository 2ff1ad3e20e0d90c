using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using CoGov.Workflows.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class StoredRecordConfiguration : IEntityTypeConfiguration<StoredRecord>
{
    public void Configure(EntityTypeBuilder<StoredRecord> builder)
    {
        builder.ToTable("StoredRecords", t => t.HasTrigger(AppendOnlyTables.TriggerName("StoredRecords")));
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.FileName).HasMaxLength(200);
        builder.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.LogHeadHash).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.GeneratedByName).HasMaxLength(200);
        // What the system's page and the committee's dashboard ask: the records of one system, or the packs of one
        // organisation, newest first.
        builder.HasIndex(r => new { r.SystemId, r.GeneratedAt });
        builder.HasIndex(r => new { r.OrganisationId, r.Kind, r.GeneratedAt });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AlgorithmicSystem>().WithMany().HasForeignKey(r => r.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.GeneratedByPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
