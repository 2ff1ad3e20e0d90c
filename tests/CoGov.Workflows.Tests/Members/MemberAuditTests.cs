using CoGov.Domain.Organisations;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Members;

/// <summary>Changes to who belongs to the organisation, and with which roles, go into its audit log with the change.</summary>
public sealed class MemberAuditTests
{
    [Fact]
    public async Task InvitationsRoleChangesRemovalsLocksAndRevokedInvitationsAreEachWrittenToTheAuditLog()
    {
        await using var app = await MemberScenario.StartAsync();
        var admin = await app.AdminAsync();
        var (amara, _) = await app.LoginAsync(Riverside.Amara);
        var (tomasz, _) = await app.LoginAsync(DemoLogins.Tomasz);
        await app.SendAsync(MemberScenario.Invite("nadia.invited@example.org", null, Roles.Steward), admin);
        var (invitedId, _) = MemberScenario.LinkIn(app.Mail().Single());

        await app.SendAsync(new ChangeMemberRoles(Riverside.Key, amara.Id, [Roles.Steward, Roles.CommitteeChair]), admin);
        await app.SendAsync(new RemoveMember(Riverside.Key, tomasz.Id, LockLogin: true), admin);
        await app.SendAsync(new RevokeInvitation(Riverside.Key, invitedId), admin);

        var entries = await app.WithDbAsync(db => db.AuditEntries.Select(e => new { e.Kind, e.Text }).ToListAsync());
        Assert.Equal(
            [
                (AuditKind.MemberRolesChanged, $"Set the roles of {Riverside.Amara} here to Steward, CommitteeChair."),
                (AuditKind.MemberRemoved, $"Removed {DemoLogins.Tomasz} from the organisation."),
                (AuditKind.LoginLocked, $"Locked the login {DemoLogins.Tomasz}, which belongs to no other organisation."),
                (AuditKind.InvitationRevoked, "Revoked the invitation to nadia.invited@example.org."),
                (AuditKind.InvitationSent, "Invited nadia.invited@example.org, as none of the organisation's people, with the roles Steward."),
            ],
            entries.Select(e => (e.Kind, e.Text)).OrderBy(e => e.Kind));
    }
}
