using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

// Templates are never edited (a revision is a new version), so they carry no concurrency version.
internal sealed class QuestionnaireTemplateConfiguration : IEntityTypeConfiguration<QuestionnaireTemplate>
{
    public void Configure(EntityTypeBuilder<QuestionnaireTemplate> builder)
    {
        builder.ToTable("Templates");
        // One version number per owner: the library's and each organisation's own are numbered apart. No filter, so on SQL
        // Server the library's empty owner counts as one owner too (SQLite lets NULLs repeat; the import checks anyway).
        builder.HasIndex(t => new { t.OwnerId, t.Key, t.Version }).IsUnique().HasFilter(null);
        builder.HasIndex(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(Keys.MaxLength);
        builder.Ignore(t => t.IsLibrary);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.Title).HasConversion(JsonColumn.LocalizedText);
        builder.Property(t => t.Source).HasConversion(JsonColumn.LocalizedText!);
        builder.Ignore(t => t.Languages);
        builder.Ignore(t => t.Questions);
        builder.Property<List<string>>("_languages")
            .HasColumnName(nameof(QuestionnaireTemplate.Languages))
            .HasConversion(JsonColumn.StringList, JsonColumn.StringListComparer);
        builder.HasMany(t => t.Themes).WithOne().HasForeignKey(t => t.TemplateId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Themes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> builder)
    {
        builder.ToTable("TemplateThemes");
        builder.HasIndex(t => new { t.TemplateId, t.Order }).IsUnique();
        builder.Property(t => t.Key).HasMaxLength(Keys.MaxLength);
        builder.Property(t => t.Title).HasConversion(JsonColumn.LocalizedText);
        builder.Property(t => t.Rationale).HasConversion(JsonColumn.LocalizedText);
        builder.HasMany(t => t.Questions).WithOne().HasForeignKey(q => q.ThemeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Questions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("TemplateQuestions");
        builder.HasIndex(q => new { q.ThemeId, q.Number }).IsUnique();
        builder.Property(q => q.Key).HasMaxLength(Keys.MaxLength);
        builder.Property(q => q.Text).HasConversion(JsonColumn.LocalizedText);
    }
}

internal sealed class TemplateAdoptionConfiguration : IEntityTypeConfiguration<TemplateAdoption>
{
    public void Configure(EntityTypeBuilder<TemplateAdoption> builder)
    {
        builder.ToTable("TemplateAdoptions");
        builder.HasConcurrencyVersion();
        builder.HasIndex(a => new { a.OrganisationId, a.TemplateKey }).IsUnique();
        builder.Property(a => a.TemplateKey).HasMaxLength(Keys.MaxLength);
        builder.Property(a => a.AdoptedBy).HasMaxLength(200);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        // Restrict: a version some organisation uses is never deleted from under it.
        builder.HasOne<QuestionnaireTemplate>().WithMany().HasForeignKey(a => a.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}
