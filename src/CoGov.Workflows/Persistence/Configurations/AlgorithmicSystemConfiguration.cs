using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class AlgorithmicSystemConfiguration : IEntityTypeConfiguration<AlgorithmicSystem>
{
    public void Configure(EntityTypeBuilder<AlgorithmicSystem> builder)
    {
        builder.ToTable("Systems");
        builder.HasConcurrencyVersion();
        builder.HasIndex(s => new { s.OrganisationId, s.Key }).IsUnique();
        builder.HasIndex(s => s.NextCycleOpensAt);
        builder.Property(s => s.Key).HasMaxLength(Keys.MaxLength);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Vendor).HasMaxLength(200);
        builder.Property(s => s.Department).HasMaxLength(200);
        builder.Property(s => s.Sourcing).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(s => s.PersonalData);
        builder.Property<List<string>>("_personalData")
            .HasColumnName(nameof(AlgorithmicSystem.PersonalData))
            .HasConversion(JsonColumn.StringList, JsonColumn.StringListComparer);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);

        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(s => s.StatusHistory);
        builder.Ignore(s => s.StatusSince);
        builder.Property<List<StatusPeriod>>("_statusHistory")
            .HasColumnName(nameof(AlgorithmicSystem.StatusHistory))
            .HasConversion(JsonColumn.ListOf<StatusPeriod>(), JsonColumn.ListComparer<StatusPeriod>());
        builder.Ignore(s => s.ImpactAssessments);
        builder.Property<List<ImpactAssessmentLink>>("_impactAssessments")
            .HasColumnName(nameof(AlgorithmicSystem.ImpactAssessments))
            .HasConversion(JsonColumn.ListOf<ImpactAssessmentLink>(), JsonColumn.ListComparer<ImpactAssessmentLink>());
        builder.Property(s => s.Contact).HasMaxLength(256);
        builder.Property(s => s.StorageJurisdiction).HasMaxLength(AlgorithmicSystem.MaxShortTextLength);
        // Restrict: a person who owns a system is retired, never deleted, and SQL Server refuses a second cascade path.
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SystemVersionConfiguration : IEntityTypeConfiguration<SystemVersion>
{
    public void Configure(EntityTypeBuilder<SystemVersion> builder)
    {
        builder.ToTable("SystemVersions", t => t.HasTrigger(AppendOnlyTables.TriggerName("SystemVersions")));
        // Unique: two stewards saving at once cannot both write the same version number.
        builder.HasIndex(v => new { v.SystemId, v.Number }).IsUnique();
        builder.Property(v => v.By).HasMaxLength(256);
        // Restrict: a system with a history is not deleted from under it.
        builder.HasOne<AlgorithmicSystem>().WithMany().HasForeignKey(v => v.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}
