using System.Text.Json;
using Json.Schema;

namespace CoGov.Workflows.Archives;

/// <summary>
/// The archive's JSON Schema, <c>docs/export/organisation-export.schema.json</c>, as shipped inside the engine (an
/// embedded resource, so an import needs no repository at run time), and which of its definitions each entry answers to.
/// </summary>
internal static class ArchiveSchema
{
    private const string Resource = "CoGov.Workflows.Archives.organisation-export.schema.json";

    private static readonly Lazy<(BuildOptions Options, Uri Base)> Root = new(Load);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> ByDefinition = new(StringComparer.Ordinal);

    /// <summary>Every way the document breaks the schema, each with the JSON path it concerns; empty when it matches.</summary>
    public static IEnumerable<(string Path, string Message)> Check(string entry, JsonElement document)
    {
        var schema = ByDefinition.GetOrAdd(DefinitionOf(entry), definition =>
            JsonSchema.FromText($$"""{"$ref": "{{Root.Value.Base}}#/$defs/{{definition}}"}""", Root.Value.Options));
        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            yield break;
        }
        var reported = false;
        foreach (var detail in result.Details ?? [])
        {
            foreach (var (_, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                reported = true;
                yield return (Path(detail.InstanceLocation.ToString()), message);
            }
        }
        if (!reported)
        {
            yield return ("$", "the document as a whole does not match.");
        }
    }

    /// <summary>A JSON Pointer (<c>/log/6/hash</c>) as the path a reader of the document expects: <c>$.log[6].hash</c>.</summary>
    private static string Path(string pointer) =>
        "$" + string.Concat(pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .Select(part => part.All(char.IsAsciiDigit) ? $"[{part}]" : $".{part}"));

    private static string DefinitionOf(string entry) => entry switch
    {
        OrganisationArchive.ManifestEntry => "manifest",
        OrganisationArchive.OrganisationEntry => "organisation",
        OrganisationArchive.PeopleEntry => "people",
        OrganisationArchive.CommitteeEntry => "committee",
        OrganisationArchive.MembersEntry => "members",
        OrganisationArchive.RoutingPolicyEntry => "routingPolicy",
        OrganisationArchive.TemplatesEntry => "templates",
        OrganisationArchive.SystemsEntry => "systems",
        OrganisationArchive.RecordsEntry => "records",
        OrganisationArchive.AuditLogEntry => "auditLog",
        _ when entry.StartsWith(OrganisationArchive.CyclesFolder, StringComparison.Ordinal) => "cycle",
        _ => throw new ArgumentException($"{entry} is not a JSON document of the archive.", nameof(entry)),
    };

    private static (BuildOptions, Uri) Load()
    {
        using var stream = typeof(ArchiveSchema).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The engine was built without its archive schema ({Resource}).");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var schema = JsonSchema.FromText(text, options);
        return (options, schema.BaseUri);
    }
}
