using System.Globalization;
using System.Text;
using CoGov.Domain.Assessments;
using CoGov.Domain.Questionnaires;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CoGov.Workflows.Notifications;

/// <summary>
/// Words the mail for one outbox message, when it is sent: from the recipient, the cycle, its system and organisation,
/// the question as the template words it, and the log entry the message points to. The log entry is the record; the
/// mail only tells someone about it in the committee's words, so the wording can improve without touching the record.
/// </summary>
public sealed class NotificationMail(CoGovDbContext db, IOptions<MailOptions> options)
{
    /// <summary>
    /// The same for every attempt at the same outbox message, so a receiver can drop a second copy if CoGov stops
    /// between handing a mail on and marking it sent.
    /// </summary>
    public static string MessageIdFor(Guid outboxId, string domain) => $"{outboxId:D}@{domain}";

    /// <exception cref="UndeliverableMailException">The recipient has no usable address, or what the mail tells of is gone.</exception>
    public async Task<MimeMessage> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var facts = await GatherAsync(message, cancellationToken);
        var (subject, body) = Word(message, facts);

        var from = MailboxAddress.Parse(options.Value.From);
        var mail = new MimeMessage
        {
            Subject = subject,
            MessageId = MessageIdFor(message.Id, from.Domain is { Length: > 0 } domain ? domain : "localhost"),
            Date = message.CreatedAt,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = body },
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(facts.RecipientName, facts.RecipientAddress));
        // RFC 3834: no out-of-office replies to a machine that cannot read them.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        // Answers run to long paragraphs in any language: encode for the strictest relay, so an .eml in the pickup folder
        // is the same as what SMTP would carry.
        mail.Prepare(EncodingConstraint.SevenBit);
        return mail;
    }

    private sealed record Facts(
        string RecipientName,
        string RecipientAddress,
        string OrganisationName,
        string CommitteeName,
        string SystemName,
        int Cycle,
        string? QuestionText,
        DateTimeOffset? Deadline,
        bool ClockRunning,
        bool RecipientAnswers,
        string? AssigneeName,
        int? RequestedExtensionDays,
        LogEntry Entry,
        TimeZoneInfo TimeZone,
        Ledger.LogAnchor? Anchor = null,
        string? SystemKey = null,
        string? OrganisationKey = null);

    private async Task<Facts> GatherAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var recipient = await db.People.AsNoTracking()
            .Where(p => p.Id == message.RecipientPersonId)
            .Select(p => new { p.Name, p.Email })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new UndeliverableMailException($"The recipient (person {message.RecipientPersonId}) is no longer in CoGov.");
        if (string.IsNullOrWhiteSpace(recipient.Email))
        {
            throw new UndeliverableMailException($"{recipient.Name} has no e-mail address in CoGov; add one to their record and the mail goes at its next attempt.");
        }
        if (!MailboxAddress.TryParse(recipient.Email, out var parsed) || string.IsNullOrEmpty(parsed.Address) || !parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new UndeliverableMailException($"{recipient.Name}'s e-mail address '{recipient.Email}' is not an address; correct it on their record and the mail goes at its next attempt.");
        }

        var entry = await db.LogEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == message.LogEntryId, cancellationToken)
            ?? throw new UndeliverableMailException($"The log entry {message.LogEntryId} the mail tells of is not in CoGov.");
        var cycle = await db.Assessments.AsNoTracking()
            .Where(a => a.Id == message.AssessmentId)
            .Select(a => new { a.Cycle, a.SystemId, a.OrganisationId, a.TemplateId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new UndeliverableMailException($"The cycle {message.AssessmentId} the mail tells of is not in CoGov.");
        var system = await db.Systems.Where(s => s.Id == cycle.SystemId).Select(s => new { s.Name, s.Key }).SingleAsync(cancellationToken);
        var systemName = system.Name;
        var organisation = await db.Organisations
            .Where(o => o.Id == cycle.OrganisationId)
            .Select(o => new { o.Name, o.Key, o.Language, Committee = o.Committee.Name })
            .SingleAsync(cancellationToken);
        // The organisation's own policy, else the instance's default: its time zone is the one the committee reads times in.
        var timeZoneId = await db.RoutingPolicies
            .Where(p => p.OrganisationId == cycle.OrganisationId || p.OrganisationId == null)
            .OrderBy(p => p.OrganisationId == null)
            .Select(p => p.Spec)
            .FirstOrDefaultAsync(cancellationToken) is { } spec ? spec.TimeZone : null;
        var timeZone = timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

        string? questionText = null;
        DateTimeOffset? deadline = null;
        var clockRunning = false;
        var recipientAnswers = false;
        string? assigneeName = null;
        int? extensionDays = null;
        if (message.QuestionNumber is { } number)
        {
            var text = await db.Set<Question>()
                .Where(q => q.Number == number && db.Set<Theme>().Any(t => t.Id == q.ThemeId && t.TemplateId == cycle.TemplateId))
                .Select(q => q.Text)
                .SingleOrDefaultAsync(cancellationToken);
            questionText = text?.In(organisation.Language);
            var item = await db.QuestionItems.AsNoTracking()
                .Where(q => q.AssessmentId == message.AssessmentId && q.Number == number)
                .Select(q => new { q.State, q.Deadline, q.AssigneeId, q.DelegateId, q.RequestedExtensionDays })
                .SingleOrDefaultAsync(cancellationToken);
            if (item is not null)
            {
                deadline = item.Deadline;
                clockRunning = QuestionItem.ClockRuns(item.State, item.Deadline);
                recipientAnswers = message.RecipientPersonId == item.AssigneeId || message.RecipientPersonId == item.DelegateId;
                extensionDays = item.RequestedExtensionDays;
                assigneeName = item.AssigneeId is { } assigneeId
                    ? await db.People.Where(p => p.Id == assigneeId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
                    : null;
            }
        }

        // An anchor's mail quotes the anchor as recorded when it was made, not the log as it reads when the mail goes.
        var anchor = message.Kind == NotificationKind.LogAnchored
            ? await db.LogAnchors.AsNoTracking()
                .Where(a => a.AssessmentId == message.AssessmentId && a.LogLength == entry.Sequence)
                .OrderByDescending(a => a.At)
                .FirstOrDefaultAsync(cancellationToken)
            : null;

        return new Facts(recipient.Name, parsed.Address, organisation.Name, organisation.Committee, systemName, cycle.Cycle,
            questionText, deadline, clockRunning, recipientAnswers, assigneeName, extensionDays, entry, timeZone,
            anchor, system.Key, organisation.Key);
    }

    private static (string Subject, string Body) Word(OutboxMessage message, Facts facts)
    {
        if (message.Kind == NotificationKind.LogAnchored)
        {
            return WordAnchor(facts);
        }
        var entry = facts.Entry;
        var actor = entry.ActorName;
        var system = facts.SystemName;
        var question = message.QuestionNumber is { } n ? $"question {n}" : $"cycle {facts.Cycle}";
        var title = message.QuestionNumber is { } m ? $"Question {m}" : $"Cycle {facts.Cycle}";
        var where = $"in cycle {facts.Cycle} of the assessment of {system} at {facts.OrganisationName}";
        var due = facts.Deadline is { } d ? When(d, facts.TimeZone) : null;
        var overdue = facts.Deadline < entry.At;
        // What the manager owes while their clock runs; a deadline already passed is said to be past, not "due".
        string? Owed(string what, string isDue = "is due") =>
            !facts.ClockRunning || due is null ? null
            : overdue ? $"{what} was due {due} and is overdue."
            : $"{what} {isDue} {due}.";

        // Subject, the opening paragraph, the deadline line (when there is one to give) and what the record's text is.
        var (subject, lead, deadlineLine, recordIs) = message.Kind switch
        {
            NotificationKind.QuestionArrived => (
                $"{title} about {system} is waiting for your answer",
                entry.Kind switch
                {
                    LogEntryKind.Reassigned => $"{actor} has reassigned {question} {where} to you. You are now the manager accountable for answering it.",
                    LogEntryKind.Delegated => $"{actor} has delegated {question} {where} to you. You can answer it; {actor} stays accountable for the answer.",
                    _ => $"{actor} has put {question} {where} to you, for the {facts.CommitteeName}. You are the manager accountable for answering it.",
                },
                Owed("Your answer"),
                "From the record"),
            NotificationKind.Reminder => (
                due is null ? $"Reminder: {question} about {system}"
                    : $"Reminder: {question} about {system} {(overdue ? "was" : "is")} due {DayOf(facts.Deadline!.Value, facts.TimeZone)}",
                entry.ActorPersonId is null
                    ? $"This is a reminder that your answer to {question} {where} is due soon."
                    : $"{actor} has sent you a reminder about {question} {where}.",
                Owed("Your answer"),
                "The reminder"),
            NotificationKind.Overdue => (
                $"{title} about {system} is overdue",
                $"Your answer to {question} {where} has not been given and is now overdue. Unless it is answered, the question is escalated as {facts.OrganisationName}'s policy says.",
                due is null ? null : $"The answer was due {due}.",
                "From the record"),
            NotificationKind.Escalation when facts.RecipientAnswers => (
                $"{title} about {system} has been escalated",
                $"Your answer to {question} {where} is overdue, and the question has been escalated.",
                due is null ? null : $"The answer was due {due}.",
                "The escalation"),
            NotificationKind.Escalation => (
                $"Escalated to you: {question} about {system} is overdue",
                $"{facts.AssigneeName ?? "The accountable manager"} has not answered {question} {where}, and it has been escalated to you.",
                due is null ? null : $"The answer was due {due}.",
                "The escalation"),
            NotificationKind.Answered => (
                $"{title} about {system} has been answered",
                $"{actor} has answered {question} {where}, which you sent. The workers' side can now accept the answer, ask for clarification or challenge it.",
                null,
                "The answer"),
            NotificationKind.ClarificationRequested => (
                $"Clarification asked on {question} about {system}",
                $"{actor} has asked you to clarify your answer to {question} {where}.",
                Owed("Your clarification"),
                "What is unclear"),
            NotificationKind.ExtensionRequested => (
                $"More time asked for {question} about {system}",
                $"{actor} has asked for {Days(facts.RequestedExtensionDays) ?? "more time"} to answer {question} {where}, which you sent. Their clock is stopped until the workers' side grants or refuses it.",
                due is null ? null : $"The answer was due {due}.",
                "The request"),
            NotificationKind.ExtensionDecided => (
                entry.Kind == LogEntryKind.ExtensionRefused ? $"More time refused for {question} about {system}" : $"More time granted for {question} about {system}",
                entry.Kind == LogEntryKind.ExtensionRefused
                    ? $"{actor} has refused your request for more time on {question} {where}."
                    : $"{actor} has granted your request for more time on {question} {where}.",
                Owed("Your answer", "is now due"),
                "The decision"),
            NotificationKind.Challenged => (
                $"Answer to {question} about {system} challenged",
                $"{actor} has challenged management's answer to {question} {where}. The question goes on the agenda of the {facts.CommitteeName}, whose chairs record its resolution.",
                null,
                "The grounds"),
            NotificationKind.ReassignedAway => (
                $"{title} about {system} is no longer yours to answer",
                $"{actor} has reassigned {question} {where} to {facts.AssigneeName ?? "another manager"}. You no longer owe an answer to it.",
                null,
                "The reason"),
            _ => (
                $"{title} about {system}",
                $"There is news about {question} {where}.",
                due is null ? null : $"The answer is due {due}.",
                "From the record"),
        };

        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Dear {facts.RecipientName},").AppendLine().AppendLine()
            .AppendLine(lead).AppendLine();
        if (message.QuestionNumber is { } number)
        {
            body.Append(CultureInfo.InvariantCulture, $"Question {number}: {facts.QuestionText ?? "(the template's wording could not be found)"}").AppendLine().AppendLine();
        }
        if (deadlineLine is not null)
        {
            body.AppendLine(deadlineLine).AppendLine();
        }
        body.Append(CultureInfo.InvariantCulture, $"{recordIs}, recorded {When(entry.At, facts.TimeZone)} by {actor}:").AppendLine();
        foreach (var line in (entry.Text.Length == 0 ? "(no text)" : entry.Text).ReplaceLineEndings("\n").Split('\n'))
        {
            body.Append("  ").AppendLine(line);
        }
        body.AppendLine()
            .Append(CultureInfo.InvariantCulture, $"{facts.CommitteeName}, {facts.OrganisationName}").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"{system}, cycle {facts.Cycle}").AppendLine()
            .AppendLine()
            .AppendLine("-- ")
            .AppendLine("Sent by CoGov. Act on the question in CoGov itself: a reply to this mail reaches no one there.");
        return (subject, body.ToString());
    }

    /// <summary>
    /// The anchor mail: plain facts a chair can file and quote later, worded so it still makes sense read years on,
    /// with nothing to click.
    /// </summary>
    private static (string Subject, string Body) WordAnchor(Facts facts)
    {
        var entries = facts.Anchor?.LogLength ?? facts.Entry.Sequence;
        var head = facts.Anchor?.LogHeadHash ?? facts.Entry.Hash;
        var at = facts.Anchor?.At ?? facts.Entry.At;
        var why = facts.Anchor?.Reason switch
        {
            Ledger.AnchorReason.SignedOff => "management signed the cycle off",
            Ledger.AnchorReason.Countersigned => "the workers' side countersigned the cycle",
            Ledger.AnchorReason.RecordStored => "a record of the cycle was generated and kept",
            _ => "the cycle's log reached a point worth keeping",
        };
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Dear {facts.RecipientName},").AppendLine().AppendLine()
            .Append(CultureInfo.InvariantCulture, $"CoGov sends both chairs of the {facts.CommitteeName} the fingerprint of the log of cycle {facts.Cycle} of the assessment of {facts.SystemName} at {facts.OrganisationName}, because {why}. Please keep this mail: it is a copy of the log's state that whoever runs the database cannot change.").AppendLine().AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Organisation: {facts.OrganisationName} ({facts.OrganisationKey})").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"System: {facts.SystemName} ({facts.SystemKey})").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Cycle: {facts.Cycle}").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Entries in the log: {entries}").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Head hash (SHA-256 of entry {entries}): {head}").AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Time: {When(at, facts.TimeZone)}; {at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}").AppendLine()
            .AppendLine()
            .Append(CultureInfo.InvariantCulture, $"To check the log later: entry {entries} of the cycle's log must still carry this hash, whatever was added after it. The cycle's page in CoGov compares the log with the anchors CoGov knows; an operator can run verify-log with this line in an anchors file:").AppendLine()
            .Append("  ").AppendLine(new Ledger.AnchorLine(facts.OrganisationKey ?? "", facts.SystemKey ?? "", facts.Cycle, entries, head, at.ToUniversalTime()).ToJson())
            .AppendLine()
            .AppendLine("-- ")
            .AppendLine("Sent by CoGov. A reply to this mail reaches no one there.");
        return ($"Log of {facts.SystemName}, cycle {facts.Cycle}: {entries} entries, head {head[..12]}", body.ToString());
    }

    /// <summary>A time as the committee reads it: in the organisation's time zone, named, in words that do not depend on the server.</summary>
    private static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";

    private static string DayOf(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string? Days(int? workingDays) => workingDays switch
    {
        null => null,
        1 => "1 more working day",
        var days => $"{days} more working days",
    };
}
