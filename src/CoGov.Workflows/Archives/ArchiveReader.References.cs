using CoGov.Domain.Common;
using CoGov.Workflows.Identity;

namespace CoGov.Workflows.Archives;

/// <summary>
/// Every identifier one document of an archive names must be one another document defines: a question's manager among
/// the people, a cycle's system among the systems, a record's PDF among the entries. The database's foreign keys would
/// refuse most of these too, but only with the table's name; this says which entry and which field.
/// </summary>
internal static class ArchiveReferences
{
    public static void Check(ReadArchive archive, ArchiveReader.Problems problems)
    {
        var people = archive.People.People.ToDictionary(p => p.Id);
        var systems = archive.Systems.Systems.ToDictionary(s => s.Id);
        var templates = archive.Templates.Templates.Select(t => t.Id).ToHashSet();
        var cycles = archive.Cycles.Select(c => c.Cycle.Id).ToHashSet();

        void Person(string entry, string path, Guid? id)
        {
            if (id is { } personId && !people.ContainsKey(personId))
            {
                problems.At(entry, path, new Phrase("{0} is not among the organisation's people ({1}).", OrganisationArchive.Id(personId), OrganisationArchive.PeopleEntry));
            }
        }

        Unique(OrganisationArchive.PeopleEntry, archive.People.People.Select(p => p.Id), problems);
        foreach (var (person, i) in archive.People.People.Select((p, i) => (p, i)))
        {
            Person(OrganisationArchive.PeopleEntry, $"$.people[{i}].superiorId", person.SuperiorId);
        }

        foreach (var (seat, i) in archive.Committee.Seats.Select((s, i) => (s, i)))
        {
            Person(OrganisationArchive.CommitteeEntry, $"$.seats[{i}].personId", seat.PersonId);
            if (people.TryGetValue(seat.PersonId, out var holder) && holder.Side != seat.Side)
            {
                problems.At(OrganisationArchive.CommitteeEntry, $"$.seats[{i}].side", new Phrase("The seat is on the other side from the person holding it."));
            }
        }

        Unique(OrganisationArchive.MembersEntry, archive.Members.Members.Select(m => m.Id), problems);
        foreach (var (member, i) in archive.Members.Members.Select((m, i) => (m, i)))
        {
            Person(OrganisationArchive.MembersEntry, $"$.members[{i}].personId", member.PersonId);
            foreach (var role in member.Roles.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)))
            {
                problems.At(OrganisationArchive.MembersEntry, $"$.members[{i}].roles", new Phrase("'{0}' is not a role of CoGov.", role));
            }
        }
        foreach (var twice in archive.Members.Members.GroupBy(m => m.UserId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.At(OrganisationArchive.MembersEntry, "$.members", new Phrase("The login {0} is a member more than once.", twice.Key));
        }

        Unique(OrganisationArchive.TemplatesEntry, archive.Templates.Templates.Select(t => t.Id), problems);
        foreach (var (template, i) in archive.Templates.Templates.Select((t, i) => (t, i)))
        {
            if (template.OwnerId is { } owner && owner != archive.Organisation.Id)
            {
                problems.At(OrganisationArchive.TemplatesEntry, $"$.templates[{i}].ownerId", new Phrase("The template belongs to another organisation."));
            }
        }
        foreach (var (adoption, i) in archive.Templates.Adoptions.Select((a, i) => (a, i)))
        {
            if (!templates.Contains(adoption.TemplateId))
            {
                problems.At(OrganisationArchive.TemplatesEntry, $"$.adoptions[{i}].templateId", new Phrase("The adopted template is not among the archive's templates."));
            }
        }

        Unique(OrganisationArchive.SystemsEntry, archive.Systems.Systems.Select(s => s.Id), problems);
        foreach (var (system, i) in archive.Systems.Systems.Select((s, i) => (s, i)))
        {
            Person(OrganisationArchive.SystemsEntry, $"$.systems[{i}].ownerId", system.OwnerId);
            foreach (var (version, j) in system.Versions.Select((v, j) => (v, j)))
            {
                Person(OrganisationArchive.SystemsEntry, $"$.systems[{i}].versions[{j}].byPersonId", version.ByPersonId);
            }
        }

        foreach (var (entry, cycle) in archive.Cycles)
        {
            if (!systems.TryGetValue(cycle.SystemId, out var system) || system.Key != cycle.SystemKey)
            {
                problems.At(entry, "$.systemId", new Phrase("The cycle's system {0} ({1}) is not in {2}.", cycle.SystemKey, OrganisationArchive.Id(cycle.SystemId), OrganisationArchive.SystemsEntry));
            }
            if (!templates.Contains(cycle.TemplateId))
            {
                problems.At(entry, "$.templateId", new Phrase("The cycle's questionnaire is not among the archive's templates."));
            }
            Person(entry, "$.accountableManagerId", cycle.AccountableManagerId);
            foreach (var (question, i) in cycle.Questions.Select((q, i) => (q, i)))
            {
                Person(entry, $"$.questions[{i}].assigneeId", question.AssigneeId);
                Person(entry, $"$.questions[{i}].delegateId", question.DelegateId);
                Person(entry, $"$.questions[{i}].sentById", question.SentById);
            }
            foreach (var (logEntry, i) in cycle.Log.Select((e, i) => (e, i)))
            {
                Person(entry, $"$.log[{i}].actorPersonId", logEntry.ActorPersonId);
            }
            foreach (var (signOff, i) in cycle.SignOffs.Select((s, i) => (s, i)))
            {
                Person(entry, $"$.signOffs[{i}].personId", signOff.PersonId);
            }
        }
        foreach (var twice in archive.Cycles.GroupBy(c => (c.Cycle.SystemId, c.Cycle.Cycle)).Where(g => g.Count() > 1))
        {
            problems.At(twice.Last().Entry, "$.cycle", new Phrase("{0} has a cycle {1} already.", twice.First().Cycle.SystemKey, twice.Key.Cycle));
        }

        Unique(OrganisationArchive.RecordsEntry, archive.Records.Records.Select(r => r.Id), problems);
        foreach (var (record, i) in archive.Records.Records.Select((r, i) => (r, i)))
        {
            if (record.SystemId is { } systemId && !systems.ContainsKey(systemId))
            {
                problems.At(OrganisationArchive.RecordsEntry, $"$.records[{i}].systemId", new Phrase("The record's system is not in {0}.", OrganisationArchive.SystemsEntry));
            }
            if (record.AssessmentId is { } cycleId && !cycles.Contains(cycleId))
            {
                problems.At(OrganisationArchive.RecordsEntry, $"$.records[{i}].assessmentId", new Phrase("The record's cycle is not among the archive's cycles."));
            }
            Person(OrganisationArchive.RecordsEntry, $"$.records[{i}].generatedByPersonId", record.GeneratedByPersonId);
            if (record.File != OrganisationArchive.RecordFileEntry(record.Id) || !archive.RecordFiles.TryGetValue(record.File, out var pdf))
            {
                problems.At(OrganisationArchive.RecordsEntry, $"$.records[{i}].file", new Phrase("The record's PDF {0} is not in the archive.", record.File));
                continue;
            }
            // The manifest's hash shows the PDF is the one exported; this shows it is the one CoGov printed and kept.
            if (pdf.Length != record.Length || ArchiveReader.Sha256(pdf) != record.Sha256)
            {
                problems.At(record.File, "", new Phrase("The PDF's SHA-256 is {0}; its record {1} says {2}: it is not the document CoGov kept.",
                    ArchiveReader.Sha256(pdf), record.FileName, record.Sha256));
            }
        }
        var recorded = archive.Records.Records.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        foreach (var file in archive.RecordFiles.Keys.Where(f => !recorded.Contains(f)))
        {
            problems.At(file, "", new Phrase("No record in {0} names this PDF.", OrganisationArchive.RecordsEntry));
        }
    }

    private static void Unique(string entry, IEnumerable<Guid> ids, ArchiveReader.Problems problems)
    {
        foreach (var twice in ids.GroupBy(id => id).Where(g => g.Count() > 1))
        {
            problems.At(entry, "", new Phrase("The identifier {0} is given to more than one row.", OrganisationArchive.Id(twice.Key)));
        }
    }
}
