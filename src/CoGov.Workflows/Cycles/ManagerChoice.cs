using CoGov.Domain.Organisations;

namespace CoGov.Workflows.Cycles;

/// <summary>A named accountable manager a steward can choose to route a question or a cycle to.</summary>
public sealed record ManagerChoice(string Key, string Name, string Title)
{
    /// <summary>The organisation's people on the management side, by name: the only people questions can go to.</summary>
    public static IReadOnlyList<ManagerChoice> Of(Organisation organisation) =>
        organisation.People
            .Where(p => p.IsAccountableManager)
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new ManagerChoice(p.Key, p.Name, p.Title))
            .ToList();
}
