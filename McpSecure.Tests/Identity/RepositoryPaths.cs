namespace McpSecure.Tests.Identity;

/// <summary>Files of the repository the tests read (the realm file, the conformance suite).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "McpSecure.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"McpSecure.sln not found above {AppContext.BaseDirectory}.");
    }
}
