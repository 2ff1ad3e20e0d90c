using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.People;

/// <summary>The fields adding and editing a person share.</summary>
public interface IPersonFields
{
    string Name { get; }
    string Email { get; }
    string? Title { get; }
    string? Department { get; }
}

/// <summary>The limits of a person's fields, as the database holds them.</summary>
public sealed class PersonFieldsValidator : AbstractValidator<IPersonFields>
{
    public PersonFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithPhrase("Give the person's name.");
        RuleFor(c => c.Name).MaximumLength(200).WithPhrase("A name may be at most {0} characters.", (_, _) => [200]);
        RuleFor(c => c.Email).NotEmpty().WithPhrase("Give the person's e-mail address: invitations and reminders go there.");
        RuleFor(c => c.Email).EmailAddress().MaximumLength(256).When(c => !string.IsNullOrWhiteSpace(c.Email))
            .WithPhrase("'{0}' is not an e-mail address.", (_, value) => [value]);
        RuleFor(c => c.Title).MaximumLength(200).WithPhrase("A title may be at most {0} characters.", (_, _) => [200]);
        RuleFor(c => c.Department).MaximumLength(200).WithPhrase("A department may be at most {0} characters.", (_, _) => [200]);
    }
}

/// <summary>What the people's commands share: loading the organisation with its people, and describing a person for the audit log.</summary>
internal static class PeopleRules
{
    public static async Task<Organisation> LoadAsync(CoGovDbContext db, string organisationKey, CancellationToken cancellationToken) =>
        await db.Organisations.Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleOrDefaultAsync(o => o.Key == organisationKey, cancellationToken)
        ?? throw new NotFoundException($"There is no organisation '{organisationKey}'.");

    public static Person Find(Organisation organisation, string personKey) =>
        organisation.FindPerson(personKey) ?? throw new NotFoundException($"{organisation.Name} has no person '{personKey}'.");

    /// <summary>The superior named by key, or a refusal naming the field when there is no such person.</summary>
    public static Person? Superior(Organisation organisation, string? superiorKey, string field) =>
        string.IsNullOrWhiteSpace(superiorKey)
            ? null
            : organisation.FindPerson(superiorKey) ?? throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [field] = [new Phrase("{0} has no person '{1}'.", organisation.Name, superiorKey)],
            });

    /// <summary>How the audit log describes a person's record, in English.</summary>
    public static string Describe(Organisation organisation, Person person)
    {
        var side = person.Side == Side.Workers ? "workers' side" : "management side";
        var parts = new List<string> { $"{person.Name} ({person.Key}), {side}" };
        if (person.Title.Length > 0)
        {
            parts.Add(person.Title);
        }
        if (person.Department is { } department)
        {
            parts.Add($"department {department}");
        }
        parts.Add(person.Email.Length > 0 ? person.Email : "no e-mail");
        if (organisation.SuperiorOf(person) is { } superior)
        {
            parts.Add($"reports to {superior.Name}");
        }
        return string.Join(", ", parts);
    }
}
