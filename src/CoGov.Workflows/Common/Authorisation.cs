namespace CoGov.Workflows.Common;

/// <summary>A request that reads or changes one organisation's data; only its members (and CoGov itself) may send it.</summary>
public interface IOrganisationRequest
{
    string OrganisationKey { get; }
}

/// <summary>A request only users in one of these roles may send, checked by <see cref="Behaviours.AuthorisationBehaviour{TMessage,TResponse}"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}
