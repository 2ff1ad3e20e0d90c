namespace CoGov.Workflows.Common;

/// <summary>A request that reads or changes one organisation's data; only its members (and CoGov itself) may send it.</summary>
public interface IOrganisationRequest
{
    string OrganisationKey { get; }
}

/// <summary>
/// An <see cref="IOrganisationRequest"/> only members holding one of these roles in that organisation may send, checked
/// by <see cref="Behaviours.AuthorisationBehaviour{TMessage,TResponse}"/>. A role held in another organisation counts for
/// nothing here.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>
/// A request about the CoGov instance rather than one organisation (creating an organisation, running due work), which
/// only its operators (<see cref="OperatorOptions"/>) and CoGov itself may send.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresOperatorAttribute : Attribute;

/// <summary>
/// Who operates this CoGov instance: the logins, by e-mail address, in configuration (<c>CoGov:Operators</c>), read at
/// start-up. Never stored in the database, so no one can make themselves an operator from inside the app.
/// </summary>
public sealed class OperatorOptions
{
    public const string SectionName = "CoGov";

    public List<string> Operators { get; } = [];

    /// <summary>Whether a login's address is an operator's; addresses are compared as Identity compares them, ignoring case.</summary>
    public bool Includes(string? email) =>
        email is not null && Operators.Any(o => string.Equals(o.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));
}
