using CoGov.Domain.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Import;
using CoGov.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Seeding;

/// <summary>
/// Creates the demo logins listed in <c>seed/demo/*.accounts.yaml</c> for an imported demo organisation. Real
/// organisations get their users by invitation; this exists so that a fresh clone can be tried at once.
/// </summary>
public sealed class DemoAccounts(CoGovDbContext db, UserManager<CoGovUser> users)
{
    public sealed record Login(string Email, string Name, IReadOnlyList<string> Roles);

    /// <summary>Creates the accounts that do not exist yet and returns every login in the file, with the shared password.</summary>
    public async Task<(string Password, IReadOnlyList<Login> Logins)> EnsureAsync(string fileName, string content, CancellationToken cancellationToken)
    {
        var reader = new YamlDocumentReader(fileName);
        var root = reader.Open(content) ?? throw Rejected(reader);
        var organisationKey = root.Text("organisation");
        var password = root.Text("password");
        // The demo's logins share a public password and no authenticator: a demo organisation says it does not require
        // a second factor of its administrators and chairs, or no one could try it (decision record 16).
        var twoFactor = root.Text("twoFactor", required: false);
        if (twoFactor is not null and not "not required")
        {
            reader.Fail("twoFactor", new Phrase("'{0}' is not a two-factor requirement; leave it out, or write 'not required'.", twoFactor));
        }
        var accounts = root.Records("accounts");
        var wanted = new List<(string Email, string Name, Guid? PersonId, IReadOnlyList<string> Roles, string Path)>();
        var organisation = organisationKey is null
            ? null
            : await db.Organisations.Include(o => o.People).SingleOrDefaultAsync(o => o.Key == organisationKey, cancellationToken);
        if (organisationKey is not null && organisation is null)
        {
            reader.Fail("organisation", new Phrase("there is no organisation '{0}'; import it first.", organisationKey));
        }
        foreach (var (account, path) in accounts)
        {
            var personKey = account.Text("person", required: false);
            var email = account.Text("email", required: personKey is null);
            var accountRoles = account.TextList("roles");
            account.Done();
            foreach (var role in accountRoles.Where(r => !Roles.All.Contains(r)))
            {
                reader.Fail($"{path}.roles", new Phrase("'{0}' is not a role; the roles are {1}.", role, string.Join(", ", Roles.All)));
            }
            if (organisation is null)
            {
                continue;
            }
            var person = personKey is null ? null : organisation.FindPerson(personKey);
            if (personKey is not null && person is null)
            {
                reader.Fail($"{path}.person", new Phrase("there is no person '{0}' in {1}.", personKey, organisation.Name));
                continue;
            }
            var login = person?.Email ?? email!;
            wanted.Add((login, person?.Name ?? login, person?.Id, accountRoles, path));
        }
        root.Done();
        if (reader.Errors.Count > 0 || organisation is null || password is null)
        {
            throw Rejected(reader);
        }

        if (twoFactor is not null)
        {
            organisation.ChangeTwoFactorRequirement(false);
        }
        foreach (var account in wanted)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new CoGovUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.Name };
                Check(await users.CreateAsync(user, password), account.Email);
            }
            // A login that exists already (say, for another organisation) still needs its membership of this one, with
            // the roles the file gives it here.
            if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.OrganisationId == organisation.Id, cancellationToken))
            {
                db.Memberships.Add(new Membership(user.Id, organisation.Id, account.PersonId, account.Roles));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return (password, wanted.Select(a => new Login(a.Email, a.Name, a.Roles)).ToList());
    }

    private static InvalidOperationException Rejected(YamlDocumentReader reader) =>
        new("The demo accounts were not created:" + Environment.NewLine + string.Join(Environment.NewLine, reader.Errors));

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
