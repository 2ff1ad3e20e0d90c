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

    public Person AddPerson(string key, string name, Side side, string title, string email, Person? superior = null)
    {
        Keys.Require(key, KeyOf.Person);
        if (_people.Any(p => p.Key == key))
        {
            throw new DomainRuleException("{0} already has a person with the key '{1}'.", Name, key);
        }
        if (superior is not null)
        {
            if (side != Side.Management)
            {
                throw new DomainRuleException("{0} is on the workers' side; only managers have a superior that questions escalate to.", name);
            }
            if (superior.OrganisationId != Id || superior.Side != Side.Management)
            {
                throw new DomainRuleException("{0} cannot be the superior of {1}: a superior must be a manager of {2}.", superior.Name, name, Name);
            }
        }
        var person = new Person(Id, key, RequireText(name, new Phrase("The person name is empty.")), side, title.Trim(), email.Trim(), superior?.Id);
        _people.Add(person);
        return person;
    }

    public Person? FindPerson(Guid personId) => _people.FirstOrDefault(p => p.Id == personId);

    public Person? FindPerson(string key) => _people.FirstOrDefault(p => p.Key == key);

    public Person? SuperiorOf(Person person) => person.SuperiorId is { } id ? FindPerson(id) : null;

    public void SeatOnCommittee(Person person, CommitteeRole role)
    {
        if (person.OrganisationId != Id)
        {
            throw new DomainRuleException("{0} is not a person of {1} and cannot sit on its committee.", person.Name, Name);
        }
        Committee.Seat(person, role);
    }

    /// <summary>The person acting, with their side and committee seat: what every rule of who-may-do-what is checked against.</summary>
    public Actor ActorFor(Guid personId)
    {
        var person = FindPerson(personId)
            ?? throw new DomainRuleException("That person is not part of {0}.", Name);
        return new Actor(person.Id, person.Name, Id, person.Side, Committee.SeatOf(person.Id)?.Role);
    }

    private static string RequireText(string? value, Phrase whenEmpty) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainRuleException([new RuleViolation("", whenEmpty)]) : value.Trim();
}
