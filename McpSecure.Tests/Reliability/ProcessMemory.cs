using System.Globalization;

namespace McpSecure.Tests.Reliability;

/// <summary>Resident memory (VmRSS) of a running process, from /proc (Linux).</summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    public static string CommandLine(int pid) => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    /// <summary>The process of the tree under <paramref name="root"/> whose command line names <paramref name="assemblyName"/>.</summary>
    public static int FindInTree(int root, string assemblyName) =>
        ResourceFaults.ProcessTree(root).Last(p => CommandLine(p).Contains(assemblyName, StringComparison.Ordinal));
}
