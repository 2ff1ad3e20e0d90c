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
    }
}
