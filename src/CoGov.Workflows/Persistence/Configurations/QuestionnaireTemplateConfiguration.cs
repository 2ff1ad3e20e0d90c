using CoGov.Domain.Common;
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
        builder.HasIndex(t => new { t.Key, t.Version }).IsUnique();
        builder.Property(t => t.Key).HasMaxLength(Keys.MaxLength);
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
        builder.Property(q => q.Text).HasConversion(JsonColumn.LocalizedText);
    }
}
