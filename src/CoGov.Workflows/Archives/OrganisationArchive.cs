using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Systems;
using CoGov.Workflows.Ledger;
using CoGov.Workflows.MailPreferences;
using CoGov.Workflows.Records;

namespace CoGov.Workflows.Archives;

/// <summary>
/// The layout of an organisation's archive: one zip holding JSON documents and the kept PDFs, described by
/// <c>docs/export/organisation-export.schema.json</c> and <c>docs/export/README.md</c> (decision record 26). Every
/// identifier, time and hash is the database's own, so an import can write back every row as it was; everything is in
/// a fixed order, so two exports of the same data differ only in <see cref="ArchiveManifest.ExportedAt"/>.
/// </summary>
public static class OrganisationArchive
{
    /// <summary>What <see cref="ArchiveManifest.Format"/> says, so a reader knows the zip is one of these.</summary>
    public const string FormatName = "cogov-organisation-archive";

    /// <summary>Raised on any change a reader of the previous version could not read.</summary>
    public const int FormatVersion = 1;

    public const string ManifestEntry = "manifest.json";
    public const string OrganisationEntry = "organisation.json";
    public const string PeopleEntry = "people.json";
    public const string CommitteeEntry = "committee.json";
    public const string MembersEntry = "members.json";
    public const string RoutingPolicyEntry = "routing-policy.json";
    public const string TemplatesEntry = "templates.json";
    public const string SystemsEntry = "systems.json";
    public const string CyclesFolder = "cycles/";
    public const string RecordsEntry = "records.json";
    public const string RecordsFolder = "records/";
    public const string AuditLogEntry = "audit-log.json";

    /// <summary>One document per cycle: <c>cycles/&lt;cycle id&gt;.json</c>.</summary>
    public static string CycleEntry(Guid cycleId) => $"{CyclesFolder}{Id(cycleId)}.json";

    /// <summary>One PDF per kept record: <c>records/&lt;record id&gt;.pdf</c>.</summary>
    public static string RecordFileEntry(Guid recordId) => $"{RecordsFolder}{Id(recordId)}.pdf";

    /// <summary>
    /// Every entry's time in the zip, whatever the export's own time: the zip's dates would otherwise make two exports
    /// of the same data differ. 1980-01-01 is the earliest a zip can hold.
    /// </summary>
    public static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The one form of every time in the archive: UTC to the tick, as the log's canonical content has it.</summary>
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    /// <summary>Identifiers as the database and the log's canonical content write them: lower-case, with hyphens.</summary>
    public static string Id(Guid id) => id.ToString("D");

    /// <summary>
    /// How every document is written and read. Indented with "\n" and two spaces on every platform, camelCase names,
    /// enums by their C# names (as the log's canonical content has them), times in <see cref="TimeFormat"/>. Only what
    /// JSON needs escaped is escaped, so a person's name in any script reads as itself; the log's canonical strings
    /// are JSON values here and keep their own escaping inside.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            IndentSize = 2,
            IndentCharacter = ' ',
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false), new UtcTimeConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at
                : throw new JsonException($"'{text}' is not a time in the form {TimeFormat}.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
    }
}

// The documents, one record per JSON document, in the order the zip holds them. Arrays are sorted as each says, so
// the same data always gives the same bytes.

/// <summary><c>manifest.json</c>, the zip's first entry.</summary>
/// <param name="ExportedAt">When the export was made: the only value that differs between two exports of the same data.</param>
/// <param name="CoGovVersion">The CoGov build that wrote the archive.</param>
/// <param name="Entries">Every other entry of the zip, in the zip's order.</param>
public sealed record ArchiveManifest(
    string Format,
    int FormatVersion,
    DateTimeOffset ExportedAt,
    string CoGovVersion,
    string OrganisationKey,
    Guid OrganisationId,
    IReadOnlyList<ArchiveEntry> Entries);

/// <param name="Size">The entry's length in bytes, uncompressed.</param>
/// <param name="Sha256">The SHA-256 of the entry's bytes, lower-case hex.</param>
public sealed record ArchiveEntry(string Name, long Size, string Sha256);

/// <summary><c>organisation.json</c>: the organisation's own settings. Its time zone and holidays are the routing policy's.</summary>
public sealed record OrganisationDocument(
    Guid Id,
    string Key,
    string Name,
    string? Sector,
    string? Country,
    string Language,
    bool TwoFactorRequired,
    bool AnswerLinksNeedCode);

/// <summary><c>people.json</c>: every person, retired ones too, by id.</summary>
public sealed record PeopleDocument(IReadOnlyList<PersonDocument> People);

/// <param name="MailPreference">How the person takes mail, when they ever chose; empty for the default.</param>
public sealed record PersonDocument(
    Guid Id,
    string Key,
    string Name,
    Side Side,
    string Title,
    string Email,
    string? Department,
    DateTimeOffset? RetiredAt,
    Guid? SuperiorId,
    bool PrefersAnswerLinks,
    MailPreferenceDocument? MailPreference);

public sealed record MailPreferenceDocument(MailDelivery Delivery, DateTimeOffset ChangedAt);

/// <summary><c>committee.json</c>: the joint committee, its quorum rule and its seats, by id.</summary>
public sealed record CommitteeDocument(
    Guid Id,
    string Name,
    int QuorumMinimumPerSide,
    bool QuorumSidesEqual,
    IReadOnlyList<CommitteeSeatDocument> Seats);

public sealed record CommitteeSeatDocument(Guid Id, Guid PersonId, Side Side, CommitteeRole Role);

/// <summary>
/// <c>members.json</c>: who may sign in to the organisation, by membership id. Address, name and roles only: no
/// password, second factor, security stamp or any other secret leaves the instance (decision record 26).
/// </summary>
public sealed record MembersDocument(IReadOnlyList<MemberDocument> Members);

/// <param name="UserId">The login's id, which the log's entries name as their acting login.</param>
/// <param name="Roles">The roles held in the organisation, in CoGov's order of roles.</param>
public sealed record MemberDocument(
    Guid Id,
    string UserId,
    string? Email,
    string DisplayName,
    Guid? PersonId,
    IReadOnlyList<string> Roles);

/// <summary><c>routing-policy.json</c>: the organisation's policy and every version of it; empty when it has none of its own.</summary>
public sealed record RoutingPolicyDocument(RoutingPolicyState? Policy);

/// <param name="CurrentVersion">The number of the version in force.</param>
/// <param name="Spec">The policy in force: time zone, holidays, deadlines, routing, escalation.</param>
/// <param name="Versions">Every version, by number.</param>
public sealed record RoutingPolicyState(
    Guid Id,
    int CurrentVersion,
    RoutingPolicySpec Spec,
    IReadOnlyList<RoutingPolicyVersionDocument> Versions);

public sealed record RoutingPolicyVersionDocument(Guid Id, int Number, RoutingPolicySpec Spec, DateTimeOffset At, string By, string Change);

/// <summary>
/// <c>templates.json</c>: the organisation's own templates, the library's templates it adopted or opened a cycle on
/// (so the import needs nothing from the other instance's library), by id, and its adoptions, by template key.
/// </summary>
public sealed record TemplatesDocument(IReadOnlyList<TemplateDocument> Templates, IReadOnlyList<TemplateAdoptionDocument> Adoptions);

/// <param name="OwnerId">The organisation for its own templates; empty for the library's.</param>
/// <param name="Themes">By order.</param>
public sealed record TemplateDocument(
    Guid Id,
    Guid? OwnerId,
    string Key,
    int Version,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, string> Title,
    IReadOnlyDictionary<string, string>? Source,
    IReadOnlyList<ThemeDocument> Themes);

/// <param name="Questions">By number.</param>
public sealed record ThemeDocument(
    Guid Id,
    int Order,
    string Key,
    IReadOnlyDictionary<string, string> Title,
    IReadOnlyDictionary<string, string> Rationale,
    IReadOnlyList<TemplateQuestionDocument> Questions);

public sealed record TemplateQuestionDocument(Guid Id, int Number, string Key, IReadOnlyDictionary<string, string> Text);

public sealed record TemplateAdoptionDocument(
    Guid Id,
    string TemplateKey,
    Guid TemplateId,
    int TemplateVersion,
    DateTimeOffset AdoptedAt,
    string AdoptedBy);

/// <summary><c>systems.json</c>: the register, by system key, each with its whole version history.</summary>
public sealed record SystemsDocument(IReadOnlyList<SystemDocument> Systems);

/// <param name="Versions">Every version of the register entry, by number.</param>
public sealed record SystemDocument(
    Guid Id,
    string Key,
    string Name,
    string Purpose,
    string Vendor,
    Sourcing Sourcing,
    string ContractNotes,
    IReadOnlyList<string> PersonalData,
    string Department,
    SystemStatus Status,
    IReadOnlyList<StatusPeriod> StatusHistory,
    Guid? OwnerId,
    string Contact,
    string DecisionsSupported,
    string HumanOversight,
    string DataSources,
    string StorageJurisdiction,
    string Retention,
    string WorkersAffected,
    int? WorkersAffectedCount,
    IReadOnlyList<ImpactAssessmentLink> ImpactAssessments,
    int RegisterVersion,
    DateTimeOffset? NextCycleOpensAt,
    IReadOnlyList<SystemVersionDocument> Versions);

/// <param name="Entry">The register entry as it stood, as the JSON text the database holds, unchanged.</param>
public sealed record SystemVersionDocument(
    Guid Id,
    int Number,
    DateTimeOffset At,
    string By,
    Guid? ByPersonId,
    string Change,
    string Entry);

/// <summary>
/// <c>cycles/&lt;id&gt;.json</c>: one cycle of one system (an assessment) with its questions by number, its whole log
/// by sequence, its signatures by time and the anchors CoGov mailed of it by time.
/// </summary>
/// <param name="LogLength">The cycle's recorded length of its log: the last entry's sequence.</param>
/// <param name="LogHeadHash">The cycle's recorded head: the last entry's hash.</param>
public sealed record CycleDocument(
    Guid Id,
    Guid SystemId,
    string SystemKey,
    int Cycle,
    Guid TemplateId,
    string TemplateKey,
    int TemplateVersion,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    Guid AccountableManagerId,
    AssessmentState State,
    DateTimeOffset LastActivityAt,
    int LogLength,
    string LogHeadHash,
    IReadOnlyList<CycleQuestionDocument> Questions,
    IReadOnlyList<LogEntryDocument> Log,
    IReadOnlyList<SignOffDocument> SignOffs,
    IReadOnlyList<LogAnchorDocument> Anchors);

public sealed record CycleQuestionDocument(
    Guid Id,
    int Number,
    string ThemeKey,
    string QuestionKey,
    QuestionState State,
    Guid? AssigneeId,
    Guid? DelegateId,
    Guid? SentById,
    DateTimeOffset? SentAt,
    DateTimeOffset? Deadline,
    TimeSpan? ClockStoppedWith,
    QuestionState? StateBeforeExtension,
    int? RequestedExtensionDays,
    string? LatestAnswer,
    DateTimeOffset? AnsweredAt,
    string? CarriedOverAnswer,
    int? CarriedOverFromCycle,
    int RemindersSent,
    bool OverdueNotified,
    int EscalationLevel,
    int FiredTriggers,
    DateTimeOffset? NextActionAt);

/// <summary>One entry of a cycle's log, with everything its hash covers and the covered string itself.</summary>
/// <param name="HashVersion">Which canonical form <paramref name="Hash"/> covers (decision record 19).</param>
/// <param name="Canonical">
/// The exact string whose UTF-8 bytes' SHA-256 is <paramref name="Hash"/>, as CoGov wrote it: a verifier hashes it
/// as it is and checks that it reads back as this entry's fields (docs/export/README.md).
/// </param>
public sealed record LogEntryDocument(
    Guid Id,
    int Sequence,
    DateTimeOffset At,
    Guid? ActorPersonId,
    string ActorName,
    LogEntryKind Kind,
    int? QuestionNumber,
    string Text,
    string? ActingLogin,
    int HashVersion,
    string PreviousHash,
    string Hash,
    string Canonical);

public sealed record SignOffDocument(
    Guid Id,
    Side Side,
    Guid PersonId,
    string PersonName,
    string Statement,
    DateTimeOffset SignedAt,
    int? LogLength,
    string? LogHeadHash);

/// <param name="SentTo">The addresses the anchor was mailed to, as CoGov recorded them.</param>
public sealed record LogAnchorDocument(
    Guid Id,
    int LogLength,
    string LogHeadHash,
    DateTimeOffset At,
    AnchorReason Reason,
    string SentTo);

/// <summary><c>records.json</c>: every kept record's row, by id; the bytes are <c>records/&lt;id&gt;.pdf</c>.</summary>
public sealed record RecordsDocument(IReadOnlyList<StoredRecordDocument> Records);

/// <param name="File">The zip entry holding the PDF.</param>
/// <param name="Sha256">The PDF's SHA-256 as CoGov recorded it when it kept the record.</param>
/// <param name="LogHeadHash">The cycle's head the record printed; empty for meeting packs.</param>
public sealed record StoredRecordDocument(
    Guid Id,
    RecordKind Kind,
    Guid? SystemId,
    Guid? AssessmentId,
    int? Cycle,
    DateOnly? MeetingDate,
    string FileName,
    string File,
    int Length,
    string Sha256,
    Guid GeneratedByPersonId,
    string GeneratedByName,
    DateTimeOffset GeneratedAt,
    string? LogHeadHash,
    int? LogLength);

/// <summary><c>audit-log.json</c>: the organisation's audit log, by time, then id.</summary>
public sealed record AuditLogDocument(IReadOnlyList<AuditEntryDocument> Entries);

public sealed record AuditEntryDocument(Guid Id, DateTimeOffset At, string By, AuditKind Kind, string Text);
