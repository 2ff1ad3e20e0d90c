using CoGov.Domain.Organisations;
using CoGov.Workflows.Organisations;

namespace CoGov.Web.Components.Organisations;

/// <summary>What the forms that create an organisation post: the organisation, its committee and its first administrator.</summary>
public sealed class OrganisationForm
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Language { get; set; } = "en";
    public string? Country { get; set; }
    public string? Sector { get; set; }
    public string? CommitteeName { get; set; }
    public string? AdminName { get; set; }
    public string? AdminEmail { get; set; }
    public Side AdminSide { get; set; } = Side.Workers;
    public string? AdminTitle { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    /// <summary>At the first run: go on to add a passkey once the organisation and the login are made.</summary>
    public bool AddPasskey { get; set; }

    public bool PasswordsDiffer => (Password ?? "") != (ConfirmPassword ?? "");

    public CreateOrganisation ToCommand(bool onlyIfFirst) => new(
        (Key ?? "").Trim(),
        Name ?? "",
        Language,
        Country,
        Sector,
        CommitteeName ?? "",
        AdminName ?? "",
        AdminEmail ?? "",
        AdminSide,
        AdminTitle,
        string.IsNullOrEmpty(Password) ? null : Password,
        onlyIfFirst);
}
