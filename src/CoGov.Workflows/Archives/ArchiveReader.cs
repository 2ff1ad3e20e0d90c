using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CoGov.Domain.Common;
using CoGov.Workflows.Import;

namespace CoGov.Workflows.Archives;

/// <summary>An organisation's archive as read and checked: every document, and each kept PDF by its entry name.</summary>
/// <param name="Cycles">Each cycle with the entry it came from, so a problem found later can still say where.</param>
public sealed record ReadArchive(
    ArchiveManifest Manifest,
    OrganisationDocument Organisation,
    PeopleDocument People,
    CommitteeDocument Committee,
    MembersDocument Members,
    RoutingPolicyDocument RoutingPolicy,
    TemplatesDocument Templates,
    SystemsDocument Systems,
    IReadOnlyList<(string Entry, CycleDocument Cycle)> Cycles,
    RecordsDocument Records,
    IReadOnlyDictionary<string, byte[]> RecordFiles,
    AuditLogDocument AuditLog);

/// <summary>
/// Opens an organisation's archive (decision records 26 and 27) and refuses one that is damaged or tampered with,
/// saying what and where: the zip entry, and inside it the JSON path or the log entry. It checks in the order a
/// reader trusts things: the zip opens; the manifest is there and of a format this CoGov reads; every entry the manifest
/// lists is there, in its place, of its size and SHA-256, and nothing else is; each document matches the schema
/// shipped with CoGov and reads as its record; every identifier one document names is defined by another; each kept
/// PDF has the SHA-256 its record gives. Each stage reports every problem it finds and the next stage runs only on a
/// clean one, since a document that failed its hash says nothing reliable. The logs' hash chains are verified by the
/// domain once the rows are built (<see cref="ImportOrganisationArchive"/>), never by a second implementation here.
/// </summary>
public static class ArchiveReader
{
    /// <summary>The largest archive taken, in bytes: an organisation's whole history with its PDFs.</summary>
    public const long MaxBytes = 100_000_000;

    /// <summary>What an archive reads as, or what is wrong with it (and nothing read).</summary>
    public sealed record Outcome(ReadArchive? Archive, IReadOnlyList<ImportError> Refusals);

    public static Outcome Read(string fileName, byte[] file)
    {
        var problems = new Problems(fileName);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            problems.OfFile(new Phrase("The file is not a zip archive, or it was cut short: an organisation's archive is one zip file as CoGov exported it."));
            return problems.Refused();
        }
        using (zip)
        {
            var contents = ReadEntries(zip, problems);
            if (contents is null || !problems.None)
            {
                return problems.Refused();
            }
            var (manifest, bytes) = contents.Value;
            var archive = ReadDocuments(manifest, bytes, problems);
            if (archive is null || !problems.None)
            {
                return problems.Refused();
            }
            ArchiveReferences.Check(archive, problems);
            return problems.None ? new Outcome(archive, []) : problems.Refused();
        }
    }

    /// <summary>The manifest and every other entry's bytes, once each matches what the manifest says of it.</summary>
    private static (ArchiveManifest, Dictionary<string, byte[]>)? ReadEntries(ZipArchive zip, Problems problems)
    {
        var manifestEntry = zip.GetEntry(OrganisationArchive.ManifestEntry);
        if (manifestEntry is null)
        {
            problems.OfFile(new Phrase("The archive has no {0}: it is not an organisation's archive as CoGov exports it.", OrganisationArchive.ManifestEntry));
            return null;
        }
        if (!TryReadBytes(manifestEntry, problems, out var manifestBytes))
        {
            return null;
        }
        var manifest = Deserialize<ArchiveManifest>(OrganisationArchive.ManifestEntry, manifestBytes, problems);
        if (manifest is null)
        {
            return null;
        }
        if (manifest.Format != OrganisationArchive.FormatName)
        {
            problems.At(OrganisationArchive.ManifestEntry, "format",
                new Phrase("The archive says it is '{0}', not an organisation's archive ({1}).", manifest.Format, OrganisationArchive.FormatName));
            return null;
        }
        if (manifest.FormatVersion != OrganisationArchive.FormatVersion)
        {
            problems.At(OrganisationArchive.ManifestEntry, "formatVersion",
                new Phrase("The archive is of format version {0}; this CoGov reads version {1}. Import it into a CoGov of the version that exported it.",
                    manifest.FormatVersion, OrganisationArchive.FormatVersion));
            return null;
        }
        // The manifest is checked against the schema before its entries are trusted, like every other document.
        CheckSchema(OrganisationArchive.ManifestEntry, manifestBytes, problems);
        if (!problems.None)
        {
            return null;
        }

        var inZip = zip.Entries.Where(e => e.FullName != OrganisationArchive.ManifestEntry).Select(e => e.FullName).ToList();
        var listed = manifest.Entries.Select(e => e.Name).ToList();
        foreach (var missing in listed.Except(inZip, StringComparer.Ordinal))
        {
            problems.At(missing, "", new Phrase("The manifest lists this entry, but the archive does not hold it."));
        }
        foreach (var extra in inZip.Except(listed, StringComparer.Ordinal))
        {
            problems.At(extra, "", new Phrase("The archive holds this entry, but the manifest does not list it."));
        }
        foreach (var twice in inZip.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.At(twice.Key, "", new Phrase("The archive holds this entry more than once."));
        }
        if (!problems.None)
        {
            return null;
        }
        if (zip.Entries[0].FullName != OrganisationArchive.ManifestEntry)
        {
            problems.At(OrganisationArchive.ManifestEntry, "", new Phrase("The manifest is not the archive's first entry."));
            return null;
        }
        if (inZip.Zip(listed).FirstOrDefault(pair => pair.First != pair.Second) is ({ } found, { } expected))
        {
            problems.At(found, "", new Phrase("The archive's entries are not in the manifest's order: this entry is where the manifest has {0}.", expected));
            return null;
        }

        var bytes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var listing in manifest.Entries)
        {
            if (!TryReadBytes(zip.GetEntry(listing.Name)!, problems, out var content))
            {
                continue;
            }
            if (content.LongLength != listing.Size)
            {
                problems.At(listing.Name, "", new Phrase("The entry is {0} bytes long; the manifest says {1}: it was changed after the export.", content.LongLength, listing.Size));
            }
            else if (Sha256(content) != listing.Sha256)
            {
                problems.At(listing.Name, "", new Phrase("The entry's SHA-256 is {0}; the manifest says {1}: it was changed after the export.", Sha256(content), listing.Sha256));
            }
            bytes[listing.Name] = content;
        }
        return (manifest, bytes);
    }

    private static ReadArchive? ReadDocuments(ArchiveManifest manifest, Dictionary<string, byte[]> bytes, Problems problems)
    {
        T? Document<T>(string name) where T : class
        {
            if (!bytes.TryGetValue(name, out var content))
            {
                problems.At(name, "", new Phrase("The archive has no {0}.", name));
                return null;
            }
            return CheckSchema(name, content, problems) ? Deserialize<T>(name, content, problems) : null;
        }

        var organisation = Document<OrganisationDocument>(OrganisationArchive.OrganisationEntry);
        var people = Document<PeopleDocument>(OrganisationArchive.PeopleEntry);
        var committee = Document<CommitteeDocument>(OrganisationArchive.CommitteeEntry);
        var members = Document<MembersDocument>(OrganisationArchive.MembersEntry);
        var policy = Document<RoutingPolicyDocument>(OrganisationArchive.RoutingPolicyEntry);
        var templates = Document<TemplatesDocument>(OrganisationArchive.TemplatesEntry);
        var systems = Document<SystemsDocument>(OrganisationArchive.SystemsEntry);
        var records = Document<RecordsDocument>(OrganisationArchive.RecordsEntry);
        var audit = Document<AuditLogDocument>(OrganisationArchive.AuditLogEntry);

        var cycles = new List<(string, CycleDocument)>();
        foreach (var name in manifest.Entries.Select(e => e.Name).Where(IsCycle))
        {
            if (Document<CycleDocument>(name) is { } cycle)
            {
                if (name != OrganisationArchive.CycleEntry(cycle.Id))
                {
                    problems.At(name, "id", new Phrase("The cycle {0} is filed under another cycle's name.", OrganisationArchive.Id(cycle.Id)));
                }
                cycles.Add((name, cycle));
            }
        }
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            OrganisationArchive.OrganisationEntry, OrganisationArchive.PeopleEntry, OrganisationArchive.CommitteeEntry,
            OrganisationArchive.MembersEntry, OrganisationArchive.RoutingPolicyEntry, OrganisationArchive.TemplatesEntry,
            OrganisationArchive.SystemsEntry, OrganisationArchive.RecordsEntry, OrganisationArchive.AuditLogEntry,
        };
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, content) in bytes)
        {
            if (name.StartsWith(OrganisationArchive.RecordsFolder, StringComparison.Ordinal) && name.EndsWith(".pdf", StringComparison.Ordinal))
            {
                files[name] = content;
            }
            else if (!known.Contains(name) && !IsCycle(name))
            {
                problems.At(name, "", new Phrase("An organisation's archive has no entry of this name."));
            }
        }
        if (organisation is null || people is null || committee is null || members is null || policy is null || templates is null
            || systems is null || records is null || audit is null || !problems.None)
        {
            return null;
        }
        if (organisation.Id != manifest.OrganisationId || organisation.Key != manifest.OrganisationKey)
        {
            problems.At(OrganisationArchive.OrganisationEntry, "id",
                new Phrase("The organisation is {0} ({1}); the manifest says {2} ({3}).", organisation.Key, OrganisationArchive.Id(organisation.Id),
                    manifest.OrganisationKey, OrganisationArchive.Id(manifest.OrganisationId)));
            return null;
        }
        return new ReadArchive(manifest, organisation, people, committee, members, policy, templates, systems, cycles, records, files, audit);

        static bool IsCycle(string name) =>
            name.StartsWith(OrganisationArchive.CyclesFolder, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);
    }

    private static bool TryReadBytes(ZipArchiveEntry entry, Problems problems, out byte[] content)
    {
        try
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            content = copy.ToArray();
            return true;
        }
        catch (InvalidDataException)
        {
            problems.At(entry.FullName, "", new Phrase("The entry cannot be read: the archive is damaged."));
            content = [];
            return false;
        }
    }

    private static T? Deserialize<T>(string entry, byte[] content, Problems problems) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(content, OrganisationArchive.Json)
                ?? throw new JsonException("The document is null.");
        }
        catch (JsonException ex)
        {
            problems.At(entry, ex.Path ?? "", new Phrase("The document does not read as CoGov wrote it: {0}", ex.Message));
            return null;
        }
    }

    private static bool CheckSchema(string entry, byte[] content, Problems problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            problems.At(entry, $"line {ex.LineNumber + 1}", new Phrase("The document is not JSON: {0}", ex.Message));
            return false;
        }
        using (document)
        {
            var found = false;
            foreach (var (path, message) in ArchiveSchema.Check(entry, document.RootElement))
            {
                problems.At(entry, path, new Phrase("The document does not match the archive's schema: {0}", message));
                found = true;
            }
            return !found;
        }
    }

    internal static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The problems found so far, each with its where.</summary>
    internal sealed class Problems(string fileName)
    {
        private readonly List<ImportError> _found = [];

        public bool None => _found.Count == 0;

        public void OfFile(Phrase what) => _found.Add(new ImportError(fileName, 0, 0, "", what));

        /// <param name="entry">The zip entry.</param>
        /// <param name="where">Inside it: a JSON path, or the log entry; empty for the entry as a whole.</param>
        public void At(string entry, string where, Phrase what) => _found.Add(new ImportError(entry, 0, 0, where, what));

        public Outcome Refused() => new(null, _found.ToList());
    }
}
