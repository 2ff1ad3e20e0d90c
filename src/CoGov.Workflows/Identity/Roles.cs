namespace CoGov.Workflows.Identity;

/// <summary>The application roles. A role says what kind of work a user does; a membership says for which organisation.</summary>
public static class Roles
{
    public const string Steward = nameof(Steward);
    public const string Manager = nameof(Manager);
    public const string CommitteeChair = nameof(CommitteeChair);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Steward, Manager, CommitteeChair, Admin];
}
