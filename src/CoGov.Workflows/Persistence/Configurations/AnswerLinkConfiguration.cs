using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.AnswerLinks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoGov.Workflows.Persistence.Configurations;

internal sealed class AnswerLinkConfiguration : IEntityTypeConfiguration<AnswerLink>
{
    public void Configure(EntityTypeBuilder<AnswerLink> builder)
    {
        builder.ToTable("AnswerLinks");
        builder.HasIndex(l => new { l.AssessmentId, l.QuestionNumber, l.PersonId });
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.Property(l => l.CodeHash).HasMaxLength(64).IsFixedLength();
        builder.Property(l => l.CodeSessionHash).HasMaxLength(64).IsFixedLength();
        builder.Property(l => l.RevokedBy).HasMaxLength(200);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(l => l.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AnswerLinkKeyConfiguration : IEntityTypeConfiguration<AnswerLinkKey>
{
    public void Configure(EntityTypeBuilder<AnswerLinkKey> builder)
    {
        builder.ToTable("AnswerLinkKeys");
        // The model sets the one id itself, so two nodes making the key at once collide on the key instead of both succeeding.
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Protected).HasMaxLength(2000);
    }
}
