namespace McpSecure.Tests.Infrastructure;

/// <summary>Scratch folders that tests create in the temp directory and remove when done.</summary>
public static class TempFolder
{
    /// <summary>Deletes the folder if it can; a process that is still closing may hold a file for a moment.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left in the temp directory.
        }
    }
}
