using CoGov.Domain.Common;

namespace CoGov.Domain.Organisations;

/// <summary>The employer or workplace: its people and its joint committee.</summary>
public sealed class Organisation
{
    private readonly List<Person> _people = [];

    private Organisation()
    {
        Key = Name = Language = "";
        Committee = null!;
    }

    public Organisation(string key, string name, string? sector, string? country, string language, string committeeName)
    {
        Key = Keys.Require(key, KeyOf.Organisation);
        Name = RequireText(name, new Phrase("The organisation name is empty."));
        Sector = string.IsNullOrWhiteSpace(sector) ? null : sector.Trim();
        Country = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();
        Language = string.IsNullOrWhiteSpace(language) ? LocalizedText.DefaultLanguage : language.Trim();
        Id = Guid.CreateVersion7();
        Committee = new JointCommittee(Id, RequireText(committeeName, new Phrase("The committee name is empty.")));
    }

    public Guid Id { get; private set; }
    public string Key { get; private set; }
    public string Name { get; private set; }
    public string? Sector { get; private set; }

    /// <summary>ISO 3166 alpha-2 country code, when known.</summary>
    public string? Country { get; private set; }

    /// <summary>The language the organisation's records are written in.</summary>
    public string Language { get; private set; }

    public JointCommittee Committee { get; private set; }
    public IReadOnlyList<Person> People => _people.AsReadOnly();

    /// <summary>
    /// Whether its administrators and committee chairs must sign in with a second factor (an authenticator app or a
    /// passkey) before they reach its pages. Required unless an administrator turns it off: they hold the keys to
    /// who is a steward and what management said (decision record 16).
    /// </summary>
    public bool TwoFactorRequired { get; private set; } = true;

    /// <returns>Whether anything changed.</returns>
    public bool ChangeTwoFactorRequirement(bool required)
    {
        if (TwoFactorRequired == required)
        {
            return false;
        }
        TwoFactorRequired = required;
        return true;
    }

    /// <summary>
    /// Whether opening an answer link also needs a one-time code mailed to the manager's recorded address, so a
    /// forwarded or overheard link is not enough on its own (decision record 21). Off unless an administrator asks.
    /// </summary>
    public bool AnswerLinksNeedCode { get; private set; }

    /// <returns>Whether anything changed.</returns>
    public bool ChangeAnswerLinkCodeRequirement(bool required)
    {
        if (AnswerLinksNeedCode == required)
        {
            return false;
        }
        AnswerLinksNeedCode = required;
        return true;
    }

    /// <summary>Records whether a person of this organisation wants answer links even when they have a login.</summary>
    /// <returns>Whether anything changed.</returns>
    public bool ChangeAnswerLinkPreference(Person person, bool prefers)
    {
        RequireOwn(person);
        if (person.IsRetired)
        {
            throw new DomainRuleException("{0} is retired; a retired person's record stays as it was.", person.Name);
        }
        return person.ChangeAnswerLinkPreference(prefers);
    }

    /// <param name="key">The person's key; null or empty to make one from their name.</param>
    public Person AddPerson(string? key, string name, Side side, string title, string email, Person? superior = null, string? department = null)
    {
        var trimmedName = RequireText(name, new Phrase("The person name is empty."));
        key = string.IsNullOrWhiteSpace(key) ? NewPersonKey(trimmedName) : key;
        Keys.Require(key, KeyOf.Person);
        if (_people.Any(p => p.Key == key))
        {
            throw new DomainRuleException("{0} already has a person with the key '{1}'.", Name, key);
        }
        CheckSuperior(null, trimmedName, side, superior);
        var person = new Person(Id, key, trimmedName, side, title.Trim(), email.Trim(), OrNull(department), superior?.Id);
        _people.Add(person);
        return person;
    }

    /// <summary>
    /// Corrects what the organisation records of a person. Their key and side stay: the key is in links and exported
    /// files, and a seat, a question or a signature was theirs for the side they spoke for then. Someone who changes
    /// side is retired and added again.
    /// </summary>
    public void EditPerson(Person person, string name, string title, string email, string? department, Person? superior)
    {
        RequireOwn(person);
        if (person.IsRetired)
        {
            throw new DomainRuleException("{0} is retired; a retired person's record stays as it was.", person.Name);
        }
        var trimmedName = RequireText(name, new Phrase("The person name is empty."));
        CheckSuperior(person, trimmedName, person.Side, superior);
        person.Edit(trimmedName, title.Trim(), email.Trim(), OrNull(department), superior?.Id);
    }

    /// <summary>
    /// Retires a person who no longer takes part: kept in every log and record, never chosen again. Refused while
    /// anything still depends on them, saying what to change first, so that no seat, no routing and no escalation
    /// silently points at someone who has gone.
    /// </summary>
    /// <param name="namedByPolicy">Whether the organisation's routing policy names them to answer questions.</param>
    public void RetirePerson(Person person, bool namedByPolicy, DateTimeOffset at)
    {
        RequireOwn(person);
        if (person.IsRetired)
        {
            throw new DomainRuleException("{0} is already retired.", person.Name);
        }
        if (Committee.SeatOf(person.Id) is not null)
        {
            throw new DomainRuleException("{0} holds a seat on {1}: change the committee's seats first, then retire them.", person.Name, Committee.Name);
        }
        if (namedByPolicy)
        {
            throw new DomainRuleException("The routing policy names {0} to answer questions: name someone else in the routing policy first, then retire them.", person.Name);
        }
        var reports = _people.Where(p => p.SuperiorId == person.Id && !p.IsRetired).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        if (reports.Count > 0)
        {
            throw new DomainRuleException("{0} is the superior of {1}: give them another superior first, then retire {0}.", person.Name, string.Join(", ", reports));
        }
        person.Retire(at);
    }

    public Person? FindPerson(Guid personId) => _people.FirstOrDefault(p => p.Id == personId);

    public Person? FindPerson(string key) => _people.FirstOrDefault(p => p.Key == key);

    public Person? SuperiorOf(Person person) => person.SuperiorId is { } id ? FindPerson(id) : null;

    public void SeatOnCommittee(Person person, CommitteeRole role)
    {
        RequireSeatable(person);
        Committee.Seat(person, role);
    }

    /// <summary>
    /// Gives the joint committee a whole new composition at once, so that parity is judged on the result: changing one
    /// seat at a time could never keep it. Nothing changes when any rule is broken.
    /// </summary>
    /// <returns>What changed, in English, for the organisation's audit log; empty when nothing did.</returns>
    public IReadOnlyList<string> ChangeCommittee(IReadOnlyList<(Person Person, CommitteeRole Role)> seats)
    {
        foreach (var (person, _) in seats)
        {
            RequireSeatable(person);
        }
        return Committee.Recompose(seats, id => FindPerson(id)?.Name ?? id.ToString());
    }

    /// <inheritdoc cref="JointCommittee.ChangeQuorum"/>
    public string? ChangeQuorum(QuorumRule rule) => Committee.ChangeQuorum(rule);

    /// <summary>The person acting, with their side and committee seat: what every rule of who-may-do-what is checked against.</summary>
    public Actor ActorFor(Guid personId)
    {
        var person = FindPerson(personId)
            ?? throw new DomainRuleException("That person is not part of {0}.", Name);
        return new Actor(person.Id, person.Name, Id, person.Side, Committee.SeatOf(person.Id)?.Role);
    }

    /// <summary>A key for someone of this name that no one here has yet: from the name, numbered when taken.</summary>
    public string NewPersonKey(string name)
    {
        var stem = Keys.FromName(name);
        stem = stem.Length == 0 ? "person" : stem;
        var key = stem;
        for (var n = 2; _people.Any(p => p.Key == key); n++)
        {
            key = $"{stem}-{n}";
        }
        return key;
    }

    private void RequireOwn(Person person)
    {
        if (person.OrganisationId != Id || FindPerson(person.Id) is null)
        {
            throw new DomainRuleException("{0} is not a person of {1}.", person.Name, Name);
        }
    }

    private void RequireSeatable(Person person)
    {
        if (person.OrganisationId != Id)
        {
            throw new DomainRuleException("{0} is not a person of {1} and cannot sit on its committee.", person.Name, Name);
        }
        if (person.IsRetired)
        {
            throw new DomainRuleException("{0} is retired and cannot be given a seat on {1}.", person.Name, Committee.Name);
        }
    }

    /// <summary>
    /// A superior is a manager of this organisation who is still here, and the chain they start never comes back to the
    /// person: escalation follows it, and a loop would escalate for ever.
    /// </summary>
    private void CheckSuperior(Person? person, string name, Side side, Person? superior)
    {
        if (superior is null)
        {
            return;
        }
        if (side != Side.Management)
        {
            throw new DomainRuleException("{0} is on the workers' side; only managers have a superior that questions escalate to.", name);
        }
        if (superior.OrganisationId != Id || superior.Side != Side.Management)
        {
            throw new DomainRuleException("{0} cannot be the superior of {1}: a superior must be a manager of {2}.", superior.Name, name, Name);
        }
        if (superior.IsRetired)
        {
            throw new DomainRuleException("{0} is retired and cannot be the superior of {1}.", superior.Name, name);
        }
        if (person is null)
        {
            return;
        }
        var seen = new HashSet<Guid>();
        for (var above = superior; above is not null && seen.Add(above.Id); above = SuperiorOf(above))
        {
            if (above.Id == person.Id)
            {
                throw new DomainRuleException("{0} cannot be the superior of {1}: {1} is already above {0}, and escalation would go round in a circle.", superior.Name, name);
            }
        }
    }

    private static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    private static string RequireText(string? value, Phrase whenEmpty) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainRuleException([new RuleViolation("", whenEmpty)]) : value.Trim();
}
