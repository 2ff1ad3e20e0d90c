using System.Reflection;
using System.Security.Claims;
using CoGov.Workflows.Common;
using CoGov.Workflows.Help;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Import;
using CoGov.Workflows.Templates;
using CoGov.Workflows.Members;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Tests.Import;
using CoGov.Workflows.Tests.Members;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Common.Behaviours;

/// <summary>
/// Who may send each request, checked from the list of requests itself: a request added later is covered, or fails
/// <see cref="EveryRequestSaysWhoMaySendIt"/> until someone decides who may send it.
/// </summary>
public sealed class RequestAuthorisationTests
{
    private const string Operator = "operator@cogov.example";

    /// <summary>Requests any signed-in user may send, and why that is safe.</summary>
    private static readonly Dictionary<Type, string> OpenToEverySignedInUser = new()
    {
        [typeof(GetMyOrganisations)] = "lists the user's own memberships and nothing else",
        [typeof(AccessTokens.GetMyAccessTokens)] = "lists the user's own tokens, never their secrets, and nothing else",
        [typeof(GetWorkflowHelp)] = "explains the machines, with the clock of one of the user's own organisations or the instance's default",
    };

    private static readonly IReadOnlyList<Type> Requests = [.. typeof(DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    [Fact]
    public void EveryRequestSaysWhoMaySendIt()
    {
        Assert.NotEmpty(Requests);
        Assert.All(Requests, type =>
        {
            var kinds = new[] { IsOrganisationRequest(type), type.IsDefined(typeof(RequiresOperatorAttribute)), OpenToEverySignedInUser.ContainsKey(type) };
            Assert.True(kinds.Count(k => k) == 1,
                $"{type.Name} must be exactly one of: an IOrganisationRequest, [RequiresOperator], or listed as open to every signed-in user with a reason.");
            // A role is held in an organisation: asked of a request about none, it would refuse everyone.
            Assert.True(!type.IsDefined(typeof(RequiresRoleAttribute)) || IsOrganisationRequest(type), $"{type.Name} needs a role but concerns no organisation.");
        });
    }

    [Fact]
    public async Task EveryRequestAboutAnOrganisationIsNotFoundForAMemberOfAnotherAndChangesNothing()
    {
        await using var app = await StartAsync();
        // An administrator, so that no role held elsewhere can be what lets a request through.
        var admin = await app.AdminAsync();
        var before = await FingerprintAsync(app);

        var wrong = new List<string>();
        foreach (var type in Requests.Where(IsOrganisationRequest))
        {
            var outcome = await OutcomeAsync(app, Build(type, OtherOrganisation.Key), admin);
            if (outcome is not NotFoundException)
            {
                wrong.Add($"{type.Name}: {outcome?.GetType().Name ?? "allowed"}");
            }
        }

        Assert.Empty(wrong);
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Fact]
    public async Task EveryRequestNeedingARoleIsForbiddenToAMemberWhoHoldsItOnlyInAnotherOrganisation()
    {
        await using var app = await StartAsync();
        // The hospital's administrator joins the other organisation with no role there.
        await app.JoinAsync(DemoLogins.Admin, OtherOrganisation.Key);
        await app.WithDbAsync(async db =>
        {
            var admin = await db.Memberships.SingleAsync(m => m.OrganisationId == db.Organisations.Single(o => o.Key == Riverside.Key).Id
                && db.Users.Any(u => u.Id == m.UserId && u.Email == DemoLogins.Admin));
            admin.SetRoles(Roles.All);
            await db.SaveChangesAsync();
        });
        var member = await app.AdminAsync();
        var before = await FingerprintAsync(app);

        var wrong = new List<string>();
        var checkedTypes = Requests.Where(t => t.IsDefined(typeof(RequiresRoleAttribute))).ToList();
        foreach (var type in checkedTypes)
        {
            var outcome = await OutcomeAsync(app, Build(type, OtherOrganisation.Key), member);
            if (outcome is not ForbiddenException)
            {
                wrong.Add($"{type.Name}: {outcome?.GetType().Name ?? "allowed"}");
            }
        }

        Assert.Contains(typeof(GetMembers), checkedTypes);
        Assert.Empty(wrong);
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Fact]
    public async Task EveryRequestForAnOperatorIsForbiddenToAnOrganisationsAdministratorWhoIsNotOne()
    {
        await using var app = await StartAsync();
        var admin = await app.AdminAsync();
        var before = await FingerprintAsync(app);

        var wrong = new List<string>();
        var checkedTypes = Requests.Where(t => t.IsDefined(typeof(RequiresOperatorAttribute))).ToList();
        foreach (var type in checkedTypes)
        {
            var outcome = await OutcomeAsync(app, Build(type, OtherOrganisation.Key), admin);
            if (outcome is not ForbiddenException)
            {
                wrong.Add($"{type.Name}: {outcome?.GetType().Name ?? "allowed"}");
            }
        }

        Assert.Contains(typeof(ImportOrganisation), checkedTypes);
        Assert.Empty(wrong);
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Fact]
    public async Task AnAdministratorOfOneOrganisationWhoIsAMemberOfAnotherWithoutRolesIsRefusedItsAdministration()
    {
        await using var app = await StartAsync();
        await app.JoinAsync(DemoLogins.Admin, OtherOrganisation.Key);
        var admin = await app.AdminAsync();
        var policy = await app.SendAsync(new GetRoutingPolicy(Riverside.Key), admin);

        // A member there: the organisation is found ...
        Assert.Equal(OtherOrganisation.Name, (await app.SendAsync(new GetOrganisation(OtherOrganisation.Key), admin)).Name);
        // ... but its administration is not theirs.
        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new GetMembers(OtherOrganisation.Key), admin));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(MemberScenario.Invite("someone@example.org", null, Roles.Admin) with { OrganisationKey = OtherOrganisation.Key }, admin));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new GetRoutingPolicy(OtherOrganisation.Key), admin));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new ImportRoutingPolicy(OtherOrganisation.Key, "policy.yaml", policy.Yaml), admin));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new GetTemplates(OtherOrganisation.Key), admin));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(new ImportQuestionnaireTemplate(OtherOrganisation.Key, "tiny.yaml", TemplateFiles.Tiny), admin));
        // At home they still administer.
        Assert.NotEmpty((await app.SendAsync(new GetMembers(Riverside.Key), admin)).Members);
    }

    private static bool IsOrganisationRequest(Type type) => typeof(IOrganisationRequest).IsAssignableFrom(type);

    /// <summary>The hospital with its logins and the other organisation, and an operator configured who is none of them.</summary>
    private static async Task<TestApp> StartAsync()
    {
        var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true, Operators: [Operator]));
        try
        {
            (await app.SendAsync(new ImportOrganisation(SeedFiles.RiversideFileName, SeedFiles.Read(SeedFiles.Riverside)))).ThrowIfRejected();
            (await app.SendAsync(new ImportOrganisation(OtherOrganisation.FileName, OtherOrganisation.File))).ThrowIfRejected();
            await app.EnsureDemoAccountsAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>What sending the request did: the exception it was refused with, or null when it went through.</summary>
    private static async Task<Exception?> OutcomeAsync(TestApp app, object request, ClaimsPrincipal user)
    {
        try
        {
            await app.SendAnyAsync(request, user);
            return null;
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException or InputRejectedException or Domain.Common.DomainRuleException)
        {
            return ex;
        }
    }

    /// <summary>
    /// A request of the type with plain values: the organisation's key where it asks for one, "x" for other text, 1 for
    /// numbers, and empty, default or null for the rest. Authorisation must refuse it before any of them matters.
    /// </summary>
    private static object Build(Type type, string organisationKey)
    {
        var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{type.Name} has no public constructor.");
        var nullability = new NullabilityInfoContext();
        return constructor.Invoke([.. constructor.GetParameters().Select(p => Value(p, nullability, organisationKey))]);
    }

    private static object? Value(ParameterInfo parameter, NullabilityInfoContext nullability, string organisationKey)
    {
        var type = parameter.ParameterType;
        if (parameter.Name == nameof(IOrganisationRequest.OrganisationKey))
        {
            return organisationKey;
        }
        if (Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && nullability.Create(parameter).WriteState == NullabilityState.Nullable))
        {
            return null;
        }
        if (type == typeof(string))
        {
            return "x";
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double))
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }
        if (type.IsGenericType && type.GetGenericArguments() is [var element] && type.IsAssignableFrom(element.MakeArrayType()))
        {
            return Array.CreateInstance(element, 0);
        }
        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }
        throw new NotSupportedException($"Say how to make a {type.Name} for {parameter.Member.DeclaringType?.Name}.{parameter.Name}.");
    }

    /// <summary>Every table's row count and the sum of its concurrency versions, which every update raises.</summary>
    private static async Task<string> FingerprintAsync(TestApp app)
    {
        await using var connection = new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<(string Name, bool Versioned)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT m.name, EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'Version')
                FROM sqlite_master AS m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name;
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }
        var parts = new List<string>();
        foreach (var (name, versioned) in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*){(versioned ? ", total(\"Version\")" : ", 0")} FROM \"{name}\";";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            parts.Add($"{name}:{reader.GetInt64(0)}:{reader.GetDouble(1)}");
        }
        return string.Join(" ", parts);
    }
}
