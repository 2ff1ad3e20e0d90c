using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Ledger;

/// <summary>
/// Sends a cycle's log head out of the database (decision record 19): a mail to each of the committee's chairs through
/// the outbox, a row in the anchors table, and, when <see cref="LedgerOptions.AnchorFile"/> is set, a line in the
/// anchor file. The mail and the row are written in the same transaction as the change they anchor; the line is
/// written once that transaction is saved, so the file never holds an anchor the database rolled back.
/// </summary>
public sealed partial class LogAnchors(CoGovDbContext db, IOptions<LedgerOptions> options, IHostEnvironment environment, ILogger<LogAnchors> logger)
{
    /// <summary>Appends to the file are serialised within the process; each line is written whole in one call.</summary>
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    private readonly List<AnchorLine> _unwritten = [];

    /// <summary>The anchor file's full path, or empty when none is configured.</summary>
    public string? FilePath => string.IsNullOrWhiteSpace(options.Value.AnchorFile)
        ? null
        : Path.GetFullPath(options.Value.AnchorFile, environment.ContentRootPath);

    /// <summary>
    /// Anchors the cycle's log as it stands at <paramref name="head"/> (its last entry, which may not be saved yet):
    /// mails both chairs and records the anchor. Call <see cref="WriteFileAsync"/> after saving.
    /// </summary>
    public async Task AddAsync(Guid assessmentId, LogEntry head, AnchorReason reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var cycle = await (
                from a in db.Assessments.AsNoTracking()
                where a.Id == assessmentId
                join s in db.Systems on a.SystemId equals s.Id
                join o in db.Organisations on a.OrganisationId equals o.Id
                select new { a.OrganisationId, a.SystemId, a.Cycle, OrganisationKey = o.Key, SystemKey = s.Key })
            .SingleAsync(cancellationToken);
        // Both chairs, one of each side: the anchor is only worth something if each side holds it.
        var chairs = await (
                from seat in db.Set<CommitteeSeat>()
                where seat.Role == CommitteeRole.Chair
                join person in db.People on seat.PersonId equals person.Id
                where person.OrganisationId == cycle.OrganisationId
                orderby seat.Side
                select new { person.Id, person.Name, person.Email })
            .ToListAsync(cancellationToken);
        var sentTo = string.Join("; ", chairs.Select(c => string.IsNullOrWhiteSpace(c.Email) ? c.Name : $"{c.Name} <{c.Email}>"));
        db.Set<LogAnchor>().Add(new LogAnchor(cycle.OrganisationId, cycle.SystemId, assessmentId, cycle.Cycle, head.Sequence, head.Hash, at, reason, sentTo));
        foreach (var chair in chairs)
        {
            db.Outbox.Add(new OutboxMessage(new Notification(NotificationKind.LogAnchored, chair.Id, assessmentId, null, head)));
        }
        _unwritten.Add(new AnchorLine(cycle.OrganisationKey, cycle.SystemKey, cycle.Cycle, head.Sequence, head.Hash, at.ToUniversalTime(),
            reason.ToString(), sentTo, assessmentId));
    }

    /// <summary>
    /// Appends the anchors added since the last call to the anchor file, once their transaction is saved. A file that
    /// cannot be written does not undo the change: the chairs' mail and the table still hold the anchor, and the
    /// operator is told.
    /// </summary>
    public async Task WriteFileAsync(CancellationToken cancellationToken)
    {
        var lines = _unwritten.ToList();
        _unwritten.Clear();
        if (FilePath is not { } path || lines.Count == 0)
        {
            return;
        }
        await FileLock.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.AppendAllTextAsync(path, string.Concat(lines.Select(l => l.ToJson() + "\n")), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFileFailed(ex, path, string.Join(", ", lines.Select(l => l.Head)));
        }
        finally
        {
            FileLock.Release();
        }
    }

    /// <summary>The anchor file's lines, or none when no file is configured or it does not exist yet.</summary>
    public async Task<IReadOnlyList<(int Line, AnchorLine? Anchor, string? Problem)>> ReadFileAsync(CancellationToken cancellationToken) =>
        FilePath is { } path && File.Exists(path)
            ? AnchorLine.ReadAll(await File.ReadAllTextAsync(path, cancellationToken))
            : [];

    /// <summary>A hash as people compare it by eye: its first twelve characters.</summary>
    internal static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not append to the anchor file {Path}; the anchors {Heads} are in the database and the chairs' mail only")]
    private partial void LogFileFailed(Exception exception, string path, string heads);
}
