using System.Security.Cryptography;

namespace CoGov.Workflows.Records;

/// <summary>What a kept document is.</summary>
public enum RecordKind
{
    /// <summary>The formal record of one cycle of one system.</summary>
    AssessmentRecord = 1,

    /// <summary>The joint committee's pack for one meeting.</summary>
    MeetingPack = 2,
}

/// <summary>
/// A document CoGov generated and kept, byte for byte: downloading it again returns exactly what was printed, and the
/// SHA-256 lets anyone holding a copy show it is that document. Append-only like the log: a new generation is a new
/// row, and nothing edits or deletes one (<see cref="Persistence.AppendOnlyInterceptor"/>).
/// </summary>
public sealed class StoredRecord
{
    private StoredRecord()
    {
        FileName = Sha256 = GeneratedByName = "";
        Content = [];
    }

    public StoredRecord(
        RecordKind kind,
        Guid organisationId,
        Guid? systemId,
        Guid? assessmentId,
        int? cycle,
        DateOnly? meetingDate,
        string fileName,
        byte[] content,
        Guid generatedByPersonId,
        string generatedByName,
        DateTimeOffset generatedAt,
        string? logHeadHash,
        int? logLength = null)
    {
        Id = Guid.CreateVersion7();
        Kind = kind;
        OrganisationId = organisationId;
        SystemId = systemId;
        AssessmentId = assessmentId;
        Cycle = cycle;
        MeetingDate = meetingDate;
        FileName = fileName;
        Content = content;
        Length = content.Length;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        GeneratedByPersonId = generatedByPersonId;
        GeneratedByName = generatedByName;
        GeneratedAt = generatedAt.ToUniversalTime();
        LogHeadHash = logHeadHash;
        LogLength = logLength;
    }

    public Guid Id { get; private set; }
    public RecordKind Kind { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>The system an assessment record is of; empty for a meeting pack.</summary>
    public Guid? SystemId { get; private set; }

    public Guid? AssessmentId { get; private set; }
    public int? Cycle { get; private set; }

    /// <summary>The meeting a pack was prepared for.</summary>
    public DateOnly? MeetingDate { get; private set; }

    public string FileName { get; private set; }

    /// <summary>The PDF as printed.</summary>
    public byte[] Content { get; private set; }

    public int Length { get; private set; }

    /// <summary>Lower-case hexadecimal SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; private set; }

    public Guid GeneratedByPersonId { get; private set; }

    /// <summary>The name as it was when generated, so the list reads the same if the person is renamed later.</summary>
    public string GeneratedByName { get; private set; }

    public DateTimeOffset GeneratedAt { get; private set; }

    /// <summary>For an assessment record: the head hash of the cycle's log the record printed, so it can be matched to the log.</summary>
    public string? LogHeadHash { get; private set; }

    /// <summary>For an assessment record: how many entries the log held, the one whose hash is <see cref="LogHeadHash"/>; empty for records kept before CoGov counted them.</summary>
    public int? LogLength { get; private set; }
}
