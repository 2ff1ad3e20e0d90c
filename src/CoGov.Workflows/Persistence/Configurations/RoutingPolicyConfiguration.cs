using System.Text.Json;
using System.Text.Json.Serialization;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class RoutingPolicyConfiguration : IEntityTypeConfiguration<RoutingPolicy>
{
    // A policy is read and replaced whole, never queried inside, so it is one JSON document: adding a setting later
    // needs no migration, and the document is what an export carries.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static readonly ValueConverter<RoutingPolicySpec, string> Document = new(
        spec => JsonSerializer.Serialize(spec, Json),
        json => JsonSerializer.Deserialize<RoutingPolicySpec>(json, Json)!);

    public static readonly ValueComparer<RoutingPolicySpec> DocumentComparer = new(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        spec => JsonSerializer.Serialize(spec, Json).GetHashCode(StringComparison.Ordinal),
        spec => JsonSerializer.Deserialize<RoutingPolicySpec>(JsonSerializer.Serialize(spec, Json), Json)!);

    public void Configure(EntityTypeBuilder<RoutingPolicy> builder)
    {
        builder.HasConcurrencyVersion();
        builder.HasIndex(p => p.OrganisationId).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.Calendar);
        builder.Ignore(p => p.Deadlines);
        // "Version" is the row's concurrency token; the policy's own version number is another thing.
        builder.Property(p => p.Number).HasColumnName("CurrentVersion");
        builder.Property(p => p.Spec).HasColumnName("Document").HasConversion(Document).Metadata.SetValueComparer(DocumentComparer);
        builder.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RoutingPolicyVersionConfiguration : IEntityTypeConfiguration<RoutingPolicyVersion>
{
    public void Configure(EntityTypeBuilder<RoutingPolicyVersion> builder)
    {
        builder.ToTable("RoutingPolicyVersions", t => t.HasTrigger(AppendOnlyTables.TriggerName("RoutingPolicyVersions")));
        // One row per number: two changes made from the same version cannot both become the next one.
        builder.HasIndex(v => new { v.PolicyId, v.Number }).IsUnique();
        builder.Property(v => v.Spec).HasColumnName("Document").HasConversion(RoutingPolicyConfiguration.Document)
            .Metadata.SetValueComparer(RoutingPolicyConfiguration.DocumentComparer);
        builder.Property(v => v.By).HasMaxLength(256);
    }
}
