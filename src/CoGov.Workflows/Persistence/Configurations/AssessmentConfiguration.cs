using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.HasConcurrencyVersion();
        builder.Ignore(a => a.ManagementSignOff);
        builder.Ignore(a => a.WorkersCountersignature);
        builder.Ignore(a => a.IsReadOnly);
        builder.HasIndex(a => new { a.SystemId, a.Cycle }).IsUnique();
        builder.HasIndex(a => new { a.OrganisationId, a.State });
        builder.HasIndex(a => a.DueAt);
        builder.Property(a => a.TemplateKey).HasMaxLength(Keys.MaxLength);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.LogHeadHash).HasMaxLength(64).IsFixedLength();

        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AlgorithmicSystem>().WithMany().HasForeignKey(a => a.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuestionnaireTemplate>().WithMany().HasForeignKey(a => a.TemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.AccountableManagerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(a => a.Questions).WithOne().HasForeignKey(q => q.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Questions).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Restrict: deleting a cycle must never take its log or signatures with it.
        builder.HasMany(a => a.Log).WithOne().HasForeignKey(e => e.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.Log).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.SignOffs).WithOne().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.SignOffs).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class QuestionItemConfiguration : IEntityTypeConfiguration<QuestionItem>
{
    public void Configure(EntityTypeBuilder<QuestionItem> builder)
    {
        builder.HasConcurrencyVersion();
        builder.HasIndex(q => new { q.AssessmentId, q.Number }).IsUnique();
        // What the sweep asks every minute: which questions have a reminder, overdue notice or escalation due by now.
        builder.HasIndex(q => q.NextActionAt);
        builder.HasIndex(q => q.AssigneeId);
        builder.Property(q => q.ThemeKey).HasMaxLength(Keys.MaxLength);
        builder.Property(q => q.QuestionKey).HasMaxLength(Keys.MaxLength);
        builder.Property(q => q.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(q => q.StateBeforeExtension).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.DelegateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.SentById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LogEntryConfiguration : IEntityTypeConfiguration<LogEntry>
{
    public void Configure(EntityTypeBuilder<LogEntry> builder)
    {
        builder.ToTable("LogEntries", t => t.HasTrigger(AppendOnlyTables.TriggerName("LogEntries")));
        builder.HasIndex(e => new { e.AssessmentId, e.Sequence }).IsUnique();
        builder.Property(e => e.ActingLogin).HasMaxLength(450);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
    }
}

internal sealed class SignOffConfiguration : IEntityTypeConfiguration<SignOff>
{
    public void Configure(EntityTypeBuilder<SignOff> builder)
    {
        builder.ToTable("SignOffs", t => t.HasTrigger(AppendOnlyTables.TriggerName("SignOffs")));
        builder.Property(s => s.Side).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.LogHeadHash).HasMaxLength(64).IsFixedLength();
        builder.Property(s => s.PersonName).HasMaxLength(200);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
