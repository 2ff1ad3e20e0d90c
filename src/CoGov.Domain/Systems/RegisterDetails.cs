namespace CoGov.Domain.Systems;

/// <summary>
/// What public algorithm registers publish about a system beyond its name and purpose (UK ATRS tier 2, the Amsterdam
/// and Helsinki registers; decision record 13): each optional, since a steward registering a system rarely knows them
/// all and the cycle's questions exist to find them out.
/// </summary>
/// <param name="Contact">An address to write to about the system (a team mailbox), beside or instead of an owner.</param>
/// <param name="DecisionsSupported">The decisions about workers the system makes or supports.</param>
/// <param name="HumanOversight">Who reviews those decisions, how, and whether they can overrule the system.</param>
/// <param name="DataSources">Where its data comes from.</param>
/// <param name="StorageJurisdiction">Where the data is stored, as a jurisdiction (a country, "EU", a cloud region).</param>
/// <param name="Retention">How long the data is kept.</param>
/// <param name="WorkersAffected">Which workers the system affects, in words.</param>
/// <param name="WorkersAffectedCount">About how many workers it affects.</param>
public sealed record RegisterDetails(
    string? Contact = null,
    string? DecisionsSupported = null,
    string? HumanOversight = null,
    string? DataSources = null,
    string? StorageJurisdiction = null,
    string? Retention = null,
    string? WorkersAffected = null,
    int? WorkersAffectedCount = null,
    IReadOnlyList<ImpactAssessmentLink>? ImpactAssessments = null)
{
    public static readonly RegisterDetails None = new();
}
