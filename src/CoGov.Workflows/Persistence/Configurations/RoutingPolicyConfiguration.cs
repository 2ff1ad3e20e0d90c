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

    public void Configure(EntityTypeBuilder<RoutingPolicy> builder)
    {
        builder.HasConcurrencyVersion();
        builder.HasIndex(p => p.OrganisationId).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.Calendar);
        builder.Ignore(p => p.Deadlines);
        builder.Property(p => p.Spec)
            .HasColumnName("Document")
            .HasConversion(new ValueConverter<RoutingPolicySpec, string>(
                spec => JsonSerializer.Serialize(spec, Json),
                json => JsonSerializer.Deserialize<RoutingPolicySpec>(json, Json)!))
            .Metadata.SetValueComparer(new ValueComparer<RoutingPolicySpec>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                spec => JsonSerializer.Serialize(spec, Json).GetHashCode(StringComparison.Ordinal),
                spec => JsonSerializer.Deserialize<RoutingPolicySpec>(JsonSerializer.Serialize(spec, Json), Json)!));
    }
}
