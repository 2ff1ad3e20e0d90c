namespace CoGov.Workflows.Persistence;

/// <summary>
/// The tables whose rows the database itself refuses to change or delete (decision record 19), each with a trigger
/// named by <see cref="TriggerName"/>, created by the AppendOnlyTriggers migration. The model declares each trigger
/// (<c>HasTrigger</c>) so EF writes to these tables in a form triggers allow. A later migration that rebuilds one of
/// these tables drops its trigger with it and must create it again; a test checks every table has its trigger.
/// </summary>
public static class AppendOnlyTables
{
    public static readonly IReadOnlyList<string> All =
        ["LogEntries", "SignOffs", "StoredRecords", "LogAnchors", "AuditEntries", "SystemVersions", "RoutingPolicyVersions"];

    public static string TriggerName(string table) => $"{table}_AppendOnly";
}
