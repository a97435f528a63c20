namespace GramDynamics.Tests.Data;

/// <summary>Locates the malformed sample inputs and makes scratch folders for the data tests.</summary>
internal static class TestFiles
{
    private const string CopyFolder = "tests/GramDynamics.Tests/Data/BadInputs";

    /// <summary>
    /// Every folder of bad inputs found: shared/cases/bad-inputs beside the repository (how CI lays it
    /// out) and the copy inside the repository. The copy is always found, so the tests never skip.
    /// </summary>
    public static IReadOnlyList<string> BadInputFolders { get; } = FindBadInputFolders();

    public static string CopiedBadInputs => BadInputFolders[^1];

    /// <summary>
    /// A new empty folder under the system temporary folder; delete it with <see cref="DeleteFolder"/>.
    /// </summary>
    public static string CreateFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "gramdyn-data-tests-" + Path.GetRandomFileName());
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> FindBadInputFolders()
    {
        var folders = new List<string>();
        string? shared = WalkUp(folder => Path.Combine(folder, "shared", "cases", "bad-inputs"));
        if (shared is not null)
        {
            folders.Add(shared);
        }

        string copy = WalkUp(folder => Path.Combine(folder, CopyFolder))
            ?? throw new DirectoryNotFoundException(
                $"{CopyFolder} not found above {AppContext.BaseDirectory}; "
                + "run the tests from a checkout of the repository");
        folders.Add(copy);
        return folders;
    }

    private static string? WalkUp(Func<string, string> candidate)
    {
        var start = new DirectoryInfo(AppContext.BaseDirectory);
        for (DirectoryInfo? folder = start; folder is not null; folder = folder.Parent)
        {
            string path = candidate(folder.FullName);
            if (Directory.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
