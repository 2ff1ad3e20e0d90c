namespace CoGov.Web.Tests;

/// <summary>The repository the tests run in, for the tests that keep checked-in files equal to what the code says.</summary>
internal static class RepositoryFolder
{
    public static readonly string Root = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CoGov.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The tests are not running inside the CoGov repository.");
    }
}
