using System.Globalization;
using CoGov.Domain.Systems;
using CoGov.Workflows.Systems;

namespace CoGov.Web.Components.Pages.Systems;

/// <summary>
/// What a person types for the register's fields beyond the description (<see cref="RegisterDetails"/>), as the
/// registration and edit forms post it. Impact assessments are typed one a line, the title then the address, so the
/// form needs no script to add a row.
/// </summary>
public class RegisterFieldsForm
{
    public string? OwnerKey { get; set; }
    public string? Contact { get; set; }
    public string? DecisionsSupported { get; set; }
    public string? HumanOversight { get; set; }
    public string? DataSources { get; set; }
    public string? StorageJurisdiction { get; set; }
    public string? Retention { get; set; }
    public string? WorkersAffected { get; set; }
    public int? WorkersAffectedCount { get; set; }
    public string? ImpactAssessments { get; set; }

    /// <summary>
    /// The links typed one a line: the address is the line's last word, the title what comes before it. A line
    /// without an address or a title still becomes a link, so the validator can say at the field what is missing.
    /// </summary>
    public IReadOnlyList<ImpactAssessmentLink> Links() =>
        (ImpactAssessments ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                var lastSpace = line.LastIndexOfAny([' ', '\t']);
                return lastSpace < 0
                    ? new ImpactAssessmentLink("", line)
                    : new ImpactAssessmentLink(line[..lastSpace].Trim(), line[(lastSpace + 1)..]);
            })
            .ToList();

    /// <summary>Links as the form shows them again: one a line, the title then the address.</summary>
    public static string Lines(IEnumerable<ImpactAssessmentLink> links) => string.Join("\n", links.Select(l => $"{l.Title} {l.Url}"));

    protected void FillRegisterFields(SystemDetail system)
    {
        OwnerKey = system.Owner?.Key;
        Contact = system.Contact;
        DecisionsSupported = system.DecisionsSupported;
        HumanOversight = system.HumanOversight;
        DataSources = system.DataSources;
        StorageJurisdiction = system.StorageJurisdiction;
        Retention = system.Retention;
        WorkersAffected = system.WorkersAffected;
        WorkersAffectedCount = system.WorkersAffectedCount;
        ImpactAssessments = Lines(system.ImpactAssessments);
    }

    /// <summary>A day as the date inputs send it (<c>yyyy-MM-dd</c>), whatever the reader's language.</summary>
    public static string DayValue(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
