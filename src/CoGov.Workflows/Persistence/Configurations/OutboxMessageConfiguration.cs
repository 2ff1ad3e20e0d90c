using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasConcurrencyVersion();
        // What the sender asks: which messages are due for an attempt.
        builder.HasIndex(m => m.NextAttemptAt);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.RecipientPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LogEntry>().WithMany().HasForeignKey(m => m.LogEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
