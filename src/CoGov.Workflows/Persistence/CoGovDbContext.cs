using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Persistence;

/// <summary>
/// The app's one database: the committee's data and ASP.NET Core Identity's tables. The model is the same on every
/// provider; each provider has its own derived context type and its own migrations
/// (<see cref="Sqlite.SqliteCoGovDbContext"/>, <see cref="SqlServer.SqlServerCoGovDbContext"/>), which is EF Core's
/// "multiple providers, one context type each" pattern. Handlers use this type and never know which provider runs.
/// </summary>
public abstract class CoGovDbContext(DbContextOptions options) : IdentityDbContext<CoGovUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<JointCommittee> Committees => Set<JointCommittee>();
    public DbSet<AlgorithmicSystem> Systems => Set<AlgorithmicSystem>();
    public DbSet<QuestionnaireTemplate> Templates => Set<QuestionnaireTemplate>();
    public DbSet<TemplateAdoption> TemplateAdoptions => Set<TemplateAdoption>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<QuestionItem> QuestionItems => Set<QuestionItem>();
    public DbSet<LogEntry> LogEntries => Set<LogEntry>();
    public DbSet<SignOff> SignOffs => Set<SignOff>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<RoutingPolicy> RoutingPolicies => Set<RoutingPolicy>();
    public DbSet<RoutingPolicyVersion> PolicyVersions => Set<RoutingPolicyVersion>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<MailPreferences.MailPreference> MailPreferences => Set<MailPreferences.MailPreference>();
    public DbSet<Records.StoredRecord> StoredRecords => Set<Records.StoredRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SystemVersion> SystemVersions => Set<SystemVersion>();
    public DbSet<Ledger.LogAnchor> LogAnchors => Set<Ledger.LogAnchor>();
    public DbSet<AnswerLinks.AnswerLink> AnswerLinks => Set<AnswerLinks.AnswerLink>();
    public DbSet<AnswerLinks.AnswerLinkKey> AnswerLinkKeys => Set<AnswerLinks.AnswerLinkKey>();
    public DbSet<Calendar.CalendarFeed> CalendarFeeds => Set<Calendar.CalendarFeed>();
    public DbSet<AccessTokens.PersonalAccessToken> AccessTokens => Set<AccessTokens.PersonalAccessToken>();

    /// <summary>
    /// Every save writes the mail its changes raised into the outbox, in the same transaction: a change is never saved
    /// without its notifications, whichever command or job made it.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detecting = PrepareSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detecting = PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// Finds the changes once, queues their mail, and stops EF finding them again: the interceptors and EF's own save
    /// would otherwise each scan every tracked entity anew, which costs more than the writes on a busy cycle.
    /// </summary>
    private bool PrepareSave()
    {
        ChangeTracker.DetectChanges();
        // Off before the outbox is queued: ChangeTracker.Entries() would otherwise scan every tracked entity again.
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        QueueNotifications();
        return detecting;
    }

    private void QueueNotifications()
    {
        foreach (var assessment in ChangeTracker.Entries<Assessment>().Select(e => e.Entity).ToList())
        {
            Outbox.AddRange(assessment.TakeNotifications().Select(n => new OutboxMessage(n)));
        }
    }

    /// <summary>
    /// Identity shapes its tables from IdentityOptions found in the application's services, so the app and the design-time
    /// factories must agree on them or the migrations drift from the model. Version 3 includes passkeys.
    /// </summary>
    internal static void ConfigureIdentityStores(StoreOptions stores) => stores.SchemaVersion = IdentitySchemaVersions.Version3;

    /// <summary>The services a context built outside the app (by <c>dotnet ef</c> or a test) needs to build the same model.</summary>
    public static IServiceProvider DesignTimeServices { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(options => ConfigureIdentityStores(options.Stores))
        .BuildServiceProvider();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CoGovDbContext).Assembly);

        // The model gives every entity its identifier when it is created (stable ids for export and links), so EF must
        // not treat a Guid key as database-generated: if it did, a new log entry added to a loaded cycle would be
        // taken for an existing row and updated instead of inserted.
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var type } key] && type == typeof(Guid))
            {
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }
}
