namespace CoGov.Web.Components.Pages.Systems;

/// <summary>
/// The keys drafts.js keeps the registration form's long fields under while they are typed. The system page clears them
/// once the system is registered, since only then is the text safely in the register.
/// </summary>
public sealed record RegistrationDrafts(string OrganisationKey)
{
    public string Purpose => $"system-purpose:{OrganisationKey}:new";

    public string ContractNotes => $"system-contract:{OrganisationKey}:new";

    public string PersonalData => $"system-personal-data:{OrganisationKey}:new";

    public IEnumerable<string> All => [Purpose, ContractNotes, PersonalData];
}
