namespace CoGov.Workflows.Tests.Notifications;

/// <summary>A folder of the test's own, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cogov-mail-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string[] Files(string pattern = "*") =>
        Directory.Exists(Path) ? Directory.GetFiles(Path, pattern).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray() : [];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
