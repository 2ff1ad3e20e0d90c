using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Domain.Questionnaires;
using CoGov.Domain.Systems;

namespace CoGov.Workflows.Import;

/// <summary>What an organisation file builds: the organisation, its systems and their assessment cycles.</summary>
internal sealed record OrganisationImport(Organisation Organisation, IReadOnlyList<AlgorithmicSystem> Systems, RoutingPolicy Policy, IReadOnlyList<Assessment> Assessments);

/// <summary>
/// The YAML form of an organisation (see <c>seed/demo/</c>): its people, joint committee, algorithmic systems and
/// assessment cycles. A cycle's history is a list of events replayed through the model, so imported history obeys the
/// same rules, and leaves the same hash-chained log, as history made in the app.
/// </summary>
internal static class OrganisationFile
{
    private static readonly Dictionary<string, Side> Sides = new() { ["workers"] = Side.Workers, ["management"] = Side.Management };
    private static readonly Dictionary<string, CommitteeRole> SeatRoles = new() { ["chair"] = CommitteeRole.Chair, ["member"] = CommitteeRole.Member };
    private static readonly Dictionary<string, Sourcing> Sourcings = new() { ["procured"] = Sourcing.Procured, ["in-house"] = Sourcing.InHouse };

    /// <summary>The statuses a file may register a system with; a retired system is retired in the app, with its reason.</summary>
    private static readonly Dictionary<string, SystemStatus> Statuses = new()
    {
        ["proposed"] = SystemStatus.Proposed, ["pilot"] = SystemStatus.Pilot, ["in-use"] = SystemStatus.InUse,
    };

    /// <param name="templates">The newest imported version of each template, by key.</param>
    /// <param name="defaultPolicy">What the organisation's policy starts as when the file has no <c>policy</c> section.</param>
    /// <param name="now">The moment of import: day numbers in the file count from it.</param>
    public static (OrganisationImport? Import, YamlDocumentReader Reader) Read(
        string fileName, string content, IReadOnlyDictionary<string, QuestionnaireTemplate> templates, RoutingPolicy? defaultPolicy, DateTimeOffset now)
    {
        var reader = new YamlDocumentReader(fileName, YamlLimits.OrganisationFile);
        var root = reader.Open(content);
        if (root is null)
        {
            return (null, reader);
        }

        var committee = root.Record("committee");
        var organisation = ReadOrganisation(reader, root, committee?.Text("name"));
        if (organisation is null)
        {
            root.Skip("people", "systems", "policy", "assessments");
            committee?.Skip("seats");
            root.Done();
            return (null, reader);
        }
        ReadPeople(reader, root, organisation);
        ReadCommittee(reader, committee, organisation);
        var systems = ReadSystems(reader, root, organisation, now);
        var policy = reader.Errors.Count == 0 ? ReadPolicy(reader, root, organisation, systems, templates, defaultPolicy, new PolicyEdit(now, "CoGov", $"Imported with the organisation from file {fileName}")) : null;
        List<Assessment> assessments = [];
        if (reader.Errors.Count == 0 && policy is not null)
        {
            // Cycles refer to people, systems and the policy: read them only once those are sound, or every reference reports twice.
            assessments = ReadAssessments(reader, root, organisation, systems, policy, templates, now);
        }
        root.Skip("policy", "assessments");
        root.Done();

        return reader.Errors.Count > 0 || policy is null
            ? (null, reader)
            : (new OrganisationImport(organisation, systems, policy, assessments), reader);
    }

    private static Organisation? ReadOrganisation(YamlDocumentReader reader, YamlDocumentReader.Fields root, string? committeeName)
    {
        var fields = root.Record("organisation");
        if (fields is null)
        {
            return null;
        }
        var key = fields.Text("key");
        var name = fields.Text("name");
        var sector = fields.Text("sector", required: false);
        var country = fields.Text("country", required: false);
        var language = fields.Text("language", required: false);
        fields.Done();
        if (key is null || name is null || committeeName is null)
        {
            return null;
        }
        return Attempt(reader, fields.Path, () => new Organisation(key, name, sector, country, language ?? "en", committeeName));
    }

    /// <summary>A person's <c>prefersAnswerLinks</c> (decision record 21).</summary>
    private static readonly Dictionary<string, bool> YesOrNo = new(StringComparer.Ordinal) { ["true"] = true, ["false"] = false };

    private static void ReadPeople(YamlDocumentReader reader, YamlDocumentReader.Fields root, Organisation organisation)
    {
        var pending = new List<(string Key, string Name, Side Side, string Title, string Email, string? Superior, bool PrefersAnswerLinks, string Path)>();
        foreach (var (person, path) in root.Records("people"))
        {
            var key = person.Text("key");
            var name = person.Text("name");
            var side = person.Choice("side", Sides);
            var title = person.Text("title", required: false) ?? "";
            var email = person.Text("email");
            var superior = person.Text("superior", required: false);
            var prefersAnswerLinks = person.Choice("prefersAnswerLinks", YesOrNo, required: false) ?? false;
            person.Done();
            if (key is not null && name is not null && side is not null && email is not null)
            {
                pending.Add((key, name, side.Value, title, email, superior, prefersAnswerLinks, path));
            }
        }

        // Superiors may be listed after the people who report to them: add people once their superior is in.
        while (pending.Count > 0)
        {
            var ready = pending.Where(p => p.Superior is null || organisation.FindPerson(p.Superior) is not null).ToList();
            if (ready.Count == 0)
            {
                foreach (var p in pending)
                {
                    var known = pending.Any(other => other.Key == p.Superior);
                    reader.Fail($"{p.Path}.superior", known
                        ? new Phrase("'{0}' and '{1}' are each other's superiors, directly or through others.", p.Superior, p.Key)
                        : new Phrase("there is no person '{0}' in this file.", p.Superior));
                }
                return;
            }
            foreach (var p in ready)
            {
                pending.Remove(p);
                var superior = p.Superior is null ? null : organisation.FindPerson(p.Superior);
                Attempt(reader, p.Path, () => organisation.ChangeAnswerLinkPreference(
                    organisation.AddPerson(p.Key, p.Name, p.Side, p.Title, p.Email, superior), p.PrefersAnswerLinks));
            }
        }
    }

    private static void ReadCommittee(YamlDocumentReader reader, YamlDocumentReader.Fields? committee, Organisation organisation)
    {
        if (committee is null)
        {
            return;
        }
        foreach (var (seat, path) in committee.Records("seats"))
        {
            var person = FindPerson(reader, organisation, seat, "person");
            var role = seat.Choice("role", SeatRoles);
            seat.Done();
            if (person is not null && role is not null)
            {
                Attempt(reader, path, () => organisation.SeatOnCommittee(person, role.Value));
            }
        }
        committee.Done();
        if (reader.Errors.Count == 0 && organisation.Committee.ParityProblem is { } problem)
        {
            reader.Fail(committee.Child("seats"), problem);
        }
    }

    /// <remarks>
    /// The register's fields beyond the description are optional, so files written before the register existed read
    /// as they did: their systems are in use since the day of import. <c>statusSince</c> is a day number, like a
    /// cycle's <c>opened</c>.
    /// </remarks>
    private static List<AlgorithmicSystem> ReadSystems(YamlDocumentReader reader, YamlDocumentReader.Fields root, Organisation organisation, DateTimeOffset now)
    {
        var systems = new List<AlgorithmicSystem>();
        foreach (var (system, path) in root.Records("systems", required: false))
        {
            var key = system.Text("key");
            var name = system.Text("name");
            var purpose = system.Text("purpose");
            var vendor = system.Text("vendor");
            var sourcing = system.Choice("sourcing", Sourcings);
            var contractNotes = system.Text("contractNotes", required: false);
            var personalData = system.TextList("personalData", required: false);
            var department = system.Text("department");
            var status = system.Choice("status", Statuses, required: false);
            var statusSince = system.Integer("statusSince", required: false);
            var ownerKey = system.Text("owner", required: false);
            var owner = ownerKey is null ? null : organisation.FindPerson(ownerKey);
            if (ownerKey is not null && owner is null)
            {
                reader.Fail(system.Child("owner"), new Phrase("there is no person '{0}' in this file.", ownerKey));
            }
            var details = new RegisterDetails(
                system.Text("contact", required: false),
                system.Text("decisionsSupported", required: false),
                system.Text("humanOversight", required: false),
                system.Text("dataSources", required: false),
                system.Text("storageJurisdiction", required: false),
                system.Text("retention", required: false),
                system.Text("workersAffected", required: false),
                system.Integer("workersAffectedCount", required: false),
                ReadImpactAssessments(reader, system));
            system.Done();
            if (key is null || name is null || purpose is null || vendor is null || sourcing is null || department is null
                || (ownerKey is not null && owner is null))
            {
                continue;
            }
            if (systems.Any(s => s.Key == key))
            {
                reader.Fail($"{path}.key", new Phrase("the system key '{0}' is used twice.", key));
                continue;
            }
            var since = DateOnly.FromDateTime(now.AddDays(statusSince ?? 0).UtcDateTime);
            var built = Attempt(reader, path, () =>
            {
                var registered = new AlgorithmicSystem(organisation.Id, key, name, purpose, vendor, sourcing.Value, contractNotes, personalData, department,
                    status ?? SystemStatus.InUse, since);
                registered.Describe(details, owner);
                return registered;
            });
            if (built is not null)
            {
                systems.Add(built);
            }
        }
        return systems;
    }

    private static List<ImpactAssessmentLink> ReadImpactAssessments(YamlDocumentReader reader, YamlDocumentReader.Fields system)
    {
        var links = new List<ImpactAssessmentLink>();
        foreach (var (fields, path) in system.Records("impactAssessments", required: false))
        {
            var title = fields.Text("title");
            var url = fields.Text("url");
            fields.Done();
            if (title is null || url is null)
            {
                continue;
            }
            if (!ImpactAssessmentLink.IsWebAddress(url))
            {
                reader.Fail($"{path}.url", new Phrase("'{0}' is not a web address: give the whole address, starting with https:// or http://.", url));
                continue;
            }
            links.Add(new ImpactAssessmentLink(title, url));
        }
        return links;
    }

    private static RoutingPolicy? ReadPolicy(
        YamlDocumentReader reader,
        YamlDocumentReader.Fields root,
        Organisation organisation,
        IReadOnlyList<AlgorithmicSystem> systems,
        IReadOnlyDictionary<string, QuestionnaireTemplate> templates,
        RoutingPolicy? defaultPolicy,
        PolicyEdit edit)
    {
        if (root.Record("policy", required: false) is not { } fields)
        {
            if (defaultPolicy is null)
            {
                reader.Fail("policy", new Phrase("there is no routing policy: add a 'policy' section, or import the default policy (seed/policy/default.yaml) first."));
                return null;
            }
            return defaultPolicy.CopyFor(organisation, edit);
        }
        var spec = Policies.RoutingPolicyFile.Read(reader, fields);
        return spec is null ? null : Attempt(reader, fields.Path, () => RoutingPolicy.Create(organisation, systems, [.. templates.Values], spec, edit));
    }

    private static List<Assessment> ReadAssessments(
        YamlDocumentReader reader,
        YamlDocumentReader.Fields root,
        Organisation organisation,
        IReadOnlyList<AlgorithmicSystem> systems,
        RoutingPolicy policy,
        IReadOnlyDictionary<string, QuestionnaireTemplate> templates,
        DateTimeOffset now)
    {
        var assessments = new List<Assessment>();
        foreach (var (fields, path) in root.Records("assessments", required: false))
        {
            var systemKey = fields.Text("system");
            var templateKey = fields.Text("template");
            var cycle = fields.Integer("cycle");
            var opened = fields.Integer("opened");
            var due = fields.Integer("due");
            var accountableManager = FindPerson(reader, organisation, fields, "accountableManager");
            var routing = fields.Record("routing", required: false);
            var deadlineDays = fields.Integer("deadlineDays", required: false);
            var events = fields.Records("events");

            var system = systemKey is null ? null : systems.FirstOrDefault(s => s.Key == systemKey);
            if (systemKey is not null && system is null)
            {
                reader.Fail(fields.Child("system"), new Phrase("there is no system '{0}' in this file.", systemKey));
            }
            var template = templateKey is null ? null : templates.GetValueOrDefault(templateKey);
            if (templateKey is not null && template is null)
            {
                reader.Fail(fields.Child("template"), new Phrase("there is no questionnaire template '{0}'; import the template first.", templateKey));
            }
            if (deadlineDays is < 1)
            {
                reader.Fail(fields.Child("deadlineDays"), new Phrase("the deadline must be at least one working day after sending."));
            }
            if (system is not null && cycle is not null && assessments.Any(a => a.SystemId == system.Id && a.Cycle == cycle))
            {
                reader.Fail(fields.Child("cycle"), new Phrase("{0} has cycle {1} twice.", system.Name, cycle));
            }
            if (template is null || system is null || cycle is null || opened is null || due is null
                || accountableManager is null || deadlineDays is < 1)
            {
                // The cycle cannot be built, so its routing is not read: do not report its fields as unknown.
                routing?.Skip("default", "themes", "questions");
                routing?.Done();
                fields.Done();
                continue;
            }
            var route = ReadRouting(reader, routing, organisation, system, template, policy);
            fields.Done();
            var assessment = Attempt(reader, path, () => Assessment.Open(
                organisation, system, template, cycle.Value, accountableManager, now.AddDays(opened.Value), now.AddDays(due.Value), openedBy: null));
            if (assessment is null || route is null)
            {
                continue;
            }
            var deadline = (Func<int, DateTimeOffset, DateTimeOffset>)((number, at) =>
                policy.Calendar.AddWorkingDays(at, deadlineDays ?? policy.DeadlineDaysFor(template.ThemeOf(number).Key)));
            if (Replay(reader, events, assessment, organisation, policy.Deadlines, route, deadline, now.AddDays(opened.Value), now))
            {
                // Imported history is not news: nobody is mailed about it.
                assessment.TakeNotifications();
                assessments.Add(assessment);
            }
        }
        return assessments;
    }

    /// <summary>Who each question goes to: the cycle's own routing per question, per theme or by default, else the policy's.</summary>
    private static Func<int, Person?>? ReadRouting(
        YamlDocumentReader reader, YamlDocumentReader.Fields? routing, Organisation organisation, AlgorithmicSystem system, QuestionnaireTemplate template, RoutingPolicy policy)
    {
        Person? FromPolicy(int number) =>
            policy.ManagerFor(system.Key, template.ThemeOf(number).Key) is { } key ? organisation.FindPerson(key) : null;
        if (routing is null)
        {
            return FromPolicy;
        }
        var fallback = routing.Text("default", required: false) is { } defaultKey ? Lookup(reader, organisation, defaultKey, routing.Child("default")) : null;
        var byTheme = new Dictionary<string, Person>();
        var byQuestion = new Dictionary<int, Person>();
        if (routing.Record("themes", required: false) is { } themes)
        {
            foreach (var (themeKey, personKey, path) in themes.Entries())
            {
                if (template.Themes.All(t => t.Key != themeKey))
                {
                    reader.Fail(path, new Phrase("{0} has no theme '{1}'; its themes are {2}.", template.Key, themeKey, string.Join(", ", template.Themes.Select(t => t.Key))));
                }
                else if (Lookup(reader, organisation, personKey, path) is { } person)
                {
                    byTheme[themeKey] = person;
                }
            }
        }
        if (routing.Record("questions", required: false) is { } questions)
        {
            foreach (var (numberText, personKey, path) in questions.Entries())
            {
                if (!int.TryParse(numberText, out var number) || template.Questions.All(q => q.Number != number))
                {
                    reader.Fail(path, new Phrase("{0} has no question '{1}'.", template.Key, numberText));
                }
                else if (Lookup(reader, organisation, personKey, path) is { } person)
                {
                    byQuestion[number] = person;
                }
            }
        }
        routing.Done();
        return number => byQuestion.GetValueOrDefault(number)
            ?? byTheme.GetValueOrDefault(template.ThemeOf(number).Key)
            ?? fallback
            ?? FromPolicy(number);
    }

    private static readonly string[] Actions =
        ["send", "answer", "accept", "clarify", "challenge", "resolve", "withdraw", "reassign", "delegate", "extend", "grant", "refuse", "remind", "sign-off", "countersign"];

    /// <summary>
    /// Replays a cycle's events through the model, with the clock's own reminders, overdue notices and escalations
    /// happening in between as they would have; stops at the first refused event, which is reported where it is.
    /// </summary>
    private static bool Replay(
        YamlDocumentReader reader,
        IReadOnlyList<(YamlDocumentReader.Fields Fields, string Path)> events,
        Assessment assessment,
        Organisation organisation,
        DeadlineRules rules,
        Func<int, Person?> route,
        Func<int, DateTimeOffset, DateTimeOffset> deadline,
        DateTimeOffset openedAt,
        DateTimeOffset now)
    {
        var previous = openedAt;
        foreach (var (fields, path) in events)
        {
            var errorsBefore = reader.Errors.Count;
            var day = fields.Integer("at");
            var by = FindPerson(reader, organisation, fields, "by");
            var action = fields.Text("do");
            if (action is not null && !Actions.Contains(action))
            {
                reader.Fail(fields.Child("do"), new Phrase("'{0}' is not an event; use {1}.", action, string.Join(", ", Actions)));
                return false;
            }
            var question = action is "send" or "sign-off" or "countersign" ? null : fields.Integer("question");
            var text = action is "answer" or "clarify" or "challenge" or "resolve" or "withdraw" or "reassign" or "delegate" or "extend" or "sign-off" or "countersign"
                ? fields.Text("text")
                : action is "grant" or "refuse" ? fields.Text("text", required: false) : null;
            var to = action is "reassign" or "delegate" ? FindPerson(reader, organisation, fields, "to") : null;
            var days = action == "extend" ? fields.Integer("days") : null;
            var questions = action == "send" ? fields.TextList("questions", required: false) : [];
            fields.Done();
            var numbers = new List<int>();
            for (var i = 0; i < questions.Count; i++)
            {
                if (int.TryParse(questions[i], out var number))
                {
                    numbers.Add(number);
                }
                else
                {
                    reader.Fail($"{fields.Child("questions")}[{i}]", new Phrase("'{0}' is not a question number.", questions[i]));
                }
            }
            if (day is null || by is null || action is null || reader.Errors.Count > errorsBefore)
            {
                return false;
            }
            var at = now.AddDays(day.Value);
            if (at < previous)
            {
                reader.Fail(fields.Child("at"), new Phrase("events must be in time order: day {0} comes before the event or opening listed above it.", day));
                return false;
            }
            if (at > now)
            {
                reader.Fail(fields.Child("at"), new Phrase("day {0} is in the future; events record what has happened (day 0 is the day of import).", day));
                return false;
            }
            previous = at;
            assessment.PerformDueActions(organisation, rules, at);
            var actor = organisation.ActorFor(by.Id);
            var done = Attempt(reader, path, () =>
            {
                switch (action)
                {
                    case "send":
                        if (numbers.Count == 0)
                        {
                            numbers = assessment.Questions.Where(q => q.State == QuestionState.Draft).Select(q => q.Number).ToList();
                        }
                        foreach (var number in numbers)
                        {
                            var assignee = route(number)
                                ?? throw new DomainRuleException("Nobody is named to answer question {0}: give the cycle a routing, or the policy a manager for its theme.", number);
                            assessment.Send(number, assignee, deadline(number, at), actor, at, rules);
                        }
                        break;
                    case "answer": assessment.Answer(question!.Value, text!, actor, at); break;
                    case "accept": assessment.Accept(question!.Value, actor, at); break;
                    case "clarify": assessment.RequestClarification(question!.Value, text!, actor, at, rules); break;
                    case "challenge": assessment.Challenge(question!.Value, text!, actor, at, organisation); break;
                    case "resolve": assessment.RecordResolution(question!.Value, text!, actor, at); break;
                    case "withdraw": assessment.Withdraw(question!.Value, text!, actor, at); break;
                    case "reassign": assessment.Reassign(question!.Value, to!, text!, actor, at); break;
                    case "delegate": assessment.Delegate(question!.Value, to!, text!, actor, at); break;
                    case "extend": assessment.RequestExtension(question!.Value, days!.Value, text!, actor, at, rules); break;
                    case "grant": assessment.DecideExtension(question!.Value, grant: true, text, actor, at, rules); break;
                    case "refuse": assessment.DecideExtension(question!.Value, grant: false, text, actor, at, rules); break;
                    case "remind": assessment.RemindNow(question!.Value, actor, at); break;
                    case "sign-off": assessment.SignOff(text!, actor, at); break;
                    case "countersign": assessment.Countersign(text!, actor, at); break;
                }
                return true;
            });
            if (!done)
            {
                return false;
            }
        }
        assessment.PerformDueActions(organisation, rules, now);
        return true;
    }

    private static Person? FindPerson(YamlDocumentReader reader, Organisation organisation, YamlDocumentReader.Fields fields, string name)
    {
        var key = fields.Text(name);
        return key is null ? null : Lookup(reader, organisation, key, fields.Child(name));
    }

    private static Person? Lookup(YamlDocumentReader reader, Organisation organisation, string? key, string path)
    {
        var person = key is null ? null : organisation.FindPerson(key);
        if (person is null)
        {
            reader.Fail(path, new Phrase("there is no person '{0}' in this organisation.", key));
        }
        return person;
    }

    /// <summary>Runs one step of the model; a broken rule becomes an error at the step's place in the file.</summary>
    private static T? Attempt<T>(YamlDocumentReader reader, string path, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (DomainRuleException ex)
        {
            foreach (var violation in ex.Violations)
            {
                reader.Fail(string.IsNullOrEmpty(violation.Path) ? path : $"{path}.{violation.Path}", violation.Text);
            }
            return default;
        }
    }

    private static void Attempt(YamlDocumentReader reader, string path, Action step) =>
        Attempt(reader, path, () => { step(); return true; });
}
