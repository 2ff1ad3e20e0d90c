using CoGov.Workflows.Common;
using CoGov.Workflows.Common.Behaviours;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Persistence.Sqlite;
using CoGov.Workflows.Persistence.SqlServer;
using CoGov.Workflows.Scheduling;
using CoGov.Workflows.Seeding;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CoGov.Workflows;

public static class DependencyInjection
{
    /// <summary>The engine: database, commands and queries with their pipeline, and start-up migration and seeding.</summary>
    public static IHostApplicationBuilder AddCoGovWorkflows(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<UserContext>();
        builder.Services.AddScoped<Organisations.OrganisationAudit>();
        builder.Services.Configure<Ledger.LedgerOptions>(builder.Configuration.GetSection(Ledger.LedgerOptions.SectionName));
        builder.Services.AddScoped<Ledger.LogAnchors>();
        AnswerLinks.AnswerLinksRegistration.AddAnswerLinks(builder.Services);
        builder.Services.Configure<OperatorOptions>(builder.Configuration.GetSection(OperatorOptions.SectionName));
        // The Identity tables are part of the model whether or not sign-in is wired up, so the model (and with it the
        // migrations) is the same in every host.
        builder.Services.AddCoGovIdentityStores();
        var (provider, connectionString) = builder.AddDatabase();
        builder.AddCommands();
        // The web app prints records; a host without it can still read them.
        builder.Services.TryAddSingleton<Records.IRecordPrinter, Records.NoRecordPrinter>();
        builder.AddSeeding();
        // After seeding: hosted services start in order, and neither the mail sender nor the sweep may run before the
        // database is migrated.
        builder.AddNotificationDelivery();
        builder.AddDueWorkSweep(provider, connectionString);
        return builder;
    }

    /// <summary>
    /// ASP.NET Core Identity's user store on the app's database: the demo logins and the member commands need it in
    /// every host. The web app adds sign-in on top with <see cref="IdentityBuilder"/>. No role store: roles are held
    /// per organisation on a <see cref="Membership"/>, not by the login (decision record 8).
    /// </summary>
    private static void AddCoGovIdentityStores(this IServiceCollection services)
    {
        services.AddScoped<DemoAccounts>();
        // The password rule is here, not in the web app, so a password set from the command line obeys it too.
        services.AddIdentityCore<CoGovUser>(options =>
            {
                CoGovDbContext.ConfigureIdentityStores(options.Stores);
                PasswordRules.Apply(options.Password);
            })
            .AddEntityFrameworkStores<CoGovDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();
    }

    private static (DatabaseProvider Provider, string ConnectionString) AddDatabase(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DatabaseOptions.SectionName);
        builder.Services.Configure<DatabaseOptions>(section);
        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        builder.Services.AddSingleton<ConcurrencyVersionInterceptor>();
        builder.Services.AddSingleton<AppendOnlyInterceptor>();

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = EmbeddedDatabase(connectionString, builder.Environment.ContentRootPath);
                // Pooled: every command and page request gets a context, and building one (its internal services, its
                // connection object) cost more than some of the queries it then ran. Safe because the context holds no
                // per-request state (who is acting lives in UserContext) and its interceptors are singletons; a pooled
                // context's change tracker and settings are reset when it is returned.
                builder.Services.AddDbContextPool<CoGovDbContext, SqliteCoGovDbContext>((services, db) => db
                    .UseSqlite(sqlite, sql => sql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                    .AddInterceptors(services.GetRequiredService<ConcurrencyVersionInterceptor>(), services.GetRequiredService<AppendOnlyInterceptor>()));
                return (options.Provider, sqlite);
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"Database:Provider is SqlServer but there is no connection string: set ConnectionStrings:{DatabaseOptions.ConnectionStringName}.");
                }
                builder.Services.AddDbContextPool<CoGovDbContext, SqlServerCoGovDbContext>((services, db) => db
                    .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                    .AddInterceptors(services.GetRequiredService<ConcurrencyVersionInterceptor>(), services.GetRequiredService<AppendOnlyInterceptor>()));
                return (options.Provider, connectionString);
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or SqlServer.");
        }
    }

    /// <summary>
    /// The SQLite file lives in the app's data folder unless configured elsewhere; the folder is created on start.
    /// A busy timeout makes a writer wait for another instead of failing with "database is locked".
    /// </summary>
    private static string EmbeddedDatabase(string? configured, string contentRoot)
    {
        var connection = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/cogov.db" : configured);
        if (connection.DataSource != ":memory:" && connection.Mode != SqliteOpenMode.Memory)
        {
            connection.DataSource = Path.GetFullPath(connection.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(connection.DataSource)!);
        }
        if (connection.DefaultTimeout == 30)
        {
            connection.DefaultTimeout = 60;
        }
        return connection.ToString();
    }

    private static void AddCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(DependencyInjection)];
            // Outermost first: every command is logged, nobody learns anything before authorisation, nothing invalid
            // reaches a handler, and a lost concurrency race comes back as a conflict to retry.
            options.PipelineBehaviors =
            [
                typeof(CommandLogBehaviour<,>),
                typeof(AuthorisationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(ConcurrencyBehaviour<,>),
            ];
        });
        builder.Services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
    }

    private static void AddSeeding(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.SectionName));
        builder.Services.AddHostedService<DatabaseStartup>();
    }
}
