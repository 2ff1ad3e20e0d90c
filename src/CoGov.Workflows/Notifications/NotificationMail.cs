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
public sealed class NotificationMail(CoGovDbContext db, IOptions<MailOptions> options, IMailLinks links)
{
    /// <summary>
    /// The same for every attempt at the same outbox message, so a receiver can drop a second copy if CoGov stops
    /// between handing a mail on and marking it sent.
    /// </summary>
    public static string MessageIdFor(Guid outboxId, string domain) => $"{outboxId:D}@{domain}";

    /// <summary>
    /// The identity of a digest: made from the messages it carries, so a digest sent again after a stop between sending
    /// and marking its messages sent carries the same Message-Id (and the same pickup file), like a single mail does.
    /// </summary>
    public static Guid DigestIdFor(IEnumerable<Guid> outboxIds)
    {
        var joined = string.Join(",", outboxIds.Order().Select(id => id.ToString("D")));
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("digest:" + joined));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <exception cref="UndeliverableMailException">The recipient has no usable address, or what the mail tells of is gone.</exception>
    public async Task<MimeMessage> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var facts = await GatherAsync(message, cancellationToken);
        var (subject, content) = Word(message, facts);
        var body = new MailBody()
            .AddParagraph($"Dear {facts.RecipientName},")
            .AddAll(content)
            .AddSignature(facts.Link is null
                    ? "Sent by CoGov. Act on the question in CoGov itself: a reply to this mail reaches no one there."
                    : "Sent by CoGov. A reply to this mail reaches no one there: act at the address above.",
                PreferencesLabel, facts.PreferencesLink);
        return Build(message.Id, message.CreatedAt, facts, subject, body);
    }

    /// <summary>
    /// One mail carrying every message held for a recipient's daily digest, oldest first, each under its own heading
    /// with its own link.
    /// </summary>
    /// <exception cref="UndeliverableMailException">The recipient has no usable address, or what one message tells of is gone.</exception>
    public async Task<MimeMessage> ComposeDigestAsync(IReadOnlyList<OutboxMessage> messages, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (messages.Count == 0 || messages.Select(m => m.RecipientPersonId).Distinct().Count() != 1)
        {
            throw new ArgumentException("A digest carries one or more messages, all to the same person.", nameof(messages));
        }
        var ordered = messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
        var sections = new List<(string Subject, MailBody Content)>();
        Facts? first = null;
        foreach (var message in ordered)
        {
            var facts = await GatherAsync(message, cancellationToken);
            first ??= facts;
            sections.Add(Word(message, facts));
        }
        var body = new MailBody()
            .AddParagraph($"Dear {first!.RecipientName},")
            .AddParagraph(sections.Count == 1
                ? $"Here is what happened in CoGov for you at {first.OrganisationName} since your last digest: one message. Mail about a deadline that cannot wait still comes on its own, as it happens."
                : $"Here is what happened in CoGov for you at {first.OrganisationName} since your last digest: {sections.Count} messages, oldest first. Mail about a deadline that cannot wait still comes on its own, as it happens.");
        for (var i = 0; i < sections.Count; i++)
        {
            body.AddRule().AddHeading($"{i + 1}. {sections[i].Subject}").AddAll(sections[i].Content);
        }
        body.AddRule().AddSignature("Sent by CoGov as your daily digest. A reply to this mail reaches no one there: act at the addresses above.",
            PreferencesLabel, first.PreferencesLink);
        var subject = sections.Count == 1
            ? $"Your CoGov digest for {first.OrganisationName}: {sections[0].Subject}"
            : $"Your CoGov digest for {first.OrganisationName}: {sections.Count} messages";
        return Build(DigestIdFor(ordered.Select(m => m.Id)), at, first, subject, body);
    }

    private const string PreferencesLabel = "Choose every mail or one daily digest";

    private MimeMessage Build(Guid id, DateTimeOffset date, Facts facts, string subject, MailBody body)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var mail = new MimeMessage
        {
            Subject = subject,
            MessageId = MessageIdFor(id, from.Domain is { Length: > 0 } domain ? domain : "localhost"),
            Date = date,
            // Two parts, plain first: a client shows the last it can, and one that shows no HTML still has every word and link.
            Body = new BodyBuilder { TextBody = body.ToPlainText(), HtmlBody = body.ToHtml(subject) }.ToMessageBody(),
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(facts.RecipientName, facts.RecipientAddress));
        // RFC 3834: no out-of-office replies to a machine that cannot read them.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        if (facts.PreferencesLink is { } preferences)
        {
            // RFC 2369: where a mail client's "unsubscribe" leads. It leads to the choice of a daily digest, not to no mail:
            // mail about a deadline cannot be turned off.
            mail.Headers.Add("List-Unsubscribe", $"<{preferences.AbsoluteUri}>");
        }
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
        Ledger.LogAnchor? Anchor,
        string SystemKey,
        string OrganisationKey,
        Uri? Link,
        Uri? PreferencesLink);

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
        var timeZone = await DigestRule.TimeZoneOfAsync(db, cycle.OrganisationId, cancellationToken);

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

        var link = message.Kind switch
        {
            NotificationKind.LogAnchored => await links.CycleAsync(message.RecipientPersonId, organisation.Key, system.Key, cycle.Cycle, cancellationToken),
            NotificationKind.SignOffDue => await links.SignOffAsync(message.RecipientPersonId, organisation.Key, system.Key, cycle.Cycle, cancellationToken),
            _ when message.QuestionNumber is { } linked =>
                await links.QuestionAsync(message.RecipientPersonId, message.AssessmentId, organisation.Key, system.Key, cycle.Cycle, linked, cancellationToken),
            _ => await links.CycleAsync(message.RecipientPersonId, organisation.Key, system.Key, cycle.Cycle, cancellationToken),
        };
        var preferences = await links.MailPreferencesAsync(message.RecipientPersonId, organisation.Key, cancellationToken);

        return new Facts(recipient.Name, parsed.Address, organisation.Name, organisation.Committee, systemName, cycle.Cycle,
            questionText, deadline, clockRunning, recipientAnswers, assigneeName, extensionDays, entry, timeZone,
            anchor, system.Key, organisation.Key, link, preferences);
    }

    /// <summary>The subject and what the mail says between the greeting and the signature, with its link.</summary>
    private static (string Subject, MailBody Content) Word(OutboxMessage message, Facts facts)
    {
        if (message.Kind == NotificationKind.LogAnchored)
        {
            return WordAnchor(facts);
        }
        if (message.Kind == NotificationKind.SignOffDue)
        {
            return WordSignOffDue(facts);
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

        var content = new MailBody().AddParagraph(lead);
        if (message.QuestionNumber is { } number)
        {
            content.AddParagraph($"Question {number}: {facts.QuestionText ?? "(the template's wording could not be found)"}");
        }
        if (deadlineLine is not null)
        {
            content.AddParagraph(deadlineLine);
        }
        content.AddQuote($"{recordIs}, recorded {When(entry.At, facts.TimeZone)} by {actor}:", entry.Text);
        if (facts.Link is { } link)
        {
            content.AddAction(ActionFor(message, facts), link);
        }
        content.AddLines($"{facts.CommitteeName}, {facts.OrganisationName}", $"{system}, cycle {facts.Cycle}");
        return (subject, content);
    }

    /// <summary>What the reader can do at the question's page, as the button says it.</summary>
    private static string ActionFor(OutboxMessage message, Facts facts)
    {
        var number = message.QuestionNumber;
        return message.Kind switch
        {
            NotificationKind.QuestionArrived or NotificationKind.Reminder or NotificationKind.Overdue => $"Answer question {number}",
            NotificationKind.Escalation when facts.RecipientAnswers => $"Answer question {number}",
            NotificationKind.ExtensionDecided when facts.ClockRunning => $"Answer question {number}",
            NotificationKind.ClarificationRequested => $"Clarify your answer to question {number}",
            NotificationKind.Answered => $"Accept, clarify or challenge the answer to question {number}",
            NotificationKind.ExtensionRequested => $"Grant or refuse more time for question {number}",
            _ => $"Open question {number}",
        };
    }

    /// <summary>
    /// The accountable manager's mail when the last question of their cycle settles: it now waits on their sign-off.
    /// </summary>
    private static (string Subject, MailBody Content) WordSignOffDue(Facts facts)
    {
        var entry = facts.Entry;
        var content = new MailBody()
            .AddParagraph($"Every question in cycle {facts.Cycle} of the assessment of {facts.SystemName} at {facts.OrganisationName} is now settled: accepted, resolved by the committee or withdrawn. As the cycle's accountable manager, you can now sign it off for management; the workers' side countersigns after you.")
            .AddParagraph(entry.QuestionNumber is { } number
                ? $"The last to settle was question {number}, recorded {When(entry.At, facts.TimeZone)} by {entry.ActorName}."
                : $"The last change was recorded {When(entry.At, facts.TimeZone)} by {entry.ActorName}.");
        if (facts.Link is { } link)
        {
            content.AddAction($"Sign off cycle {facts.Cycle}", link);
        }
        content.AddLines($"{facts.CommitteeName}, {facts.OrganisationName}", $"{facts.SystemName}, cycle {facts.Cycle}");
        return ($"Cycle {facts.Cycle} of {facts.SystemName} is ready for your sign-off", content);
    }

    /// <summary>
    /// The anchor mail: plain facts a chair can file and quote later, worded so it still makes sense read years on; its
    /// one link leads to the cycle's page, where the log is compared with the anchors.
    /// </summary>
    private static (string Subject, MailBody Content) WordAnchor(Facts facts)
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
        var content = new MailBody()
            .AddParagraph($"CoGov sends both chairs of the {facts.CommitteeName} the fingerprint of the log of cycle {facts.Cycle} of the assessment of {facts.SystemName} at {facts.OrganisationName}, because {why}. Please keep this mail: it is a copy of the log's state that whoever runs the database cannot change.")
            .AddLines(
                $"Organisation: {facts.OrganisationName} ({facts.OrganisationKey})",
                $"System: {facts.SystemName} ({facts.SystemKey})",
                $"Cycle: {facts.Cycle}",
                $"Entries in the log: {entries}",
                $"Head hash (SHA-256 of entry {entries}): {head}",
                $"Time: {When(at, facts.TimeZone)}; {at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}")
            .AddParagraph($"To check the log later: entry {entries} of the cycle's log must still carry this hash, whatever was added after it. The cycle's page in CoGov compares the log with the anchors CoGov knows; an operator can run verify-log with this line in an anchors file:")
            .AddVerbatim(new Ledger.AnchorLine(facts.OrganisationKey, facts.SystemKey, facts.Cycle, entries, head, at.ToUniversalTime()).ToJson());
        if (facts.Link is { } link)
        {
            content.AddAction($"Open cycle {facts.Cycle} and compare its log", link);
        }
        return ($"Log of {facts.SystemName}, cycle {facts.Cycle}: {entries} entries, head {head[..12]}", content);
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
