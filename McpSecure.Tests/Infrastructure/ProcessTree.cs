using System.Runtime.InteropServices;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// The processes of this (Linux) machine as <c>/proc</c> shows them, to find everything a started app runs (including
/// what it detached, such as Aspire's orchestrator) and to check that none of it is left once the app is stopped.
/// </summary>
public static class ProcessTree
{
    private const int SigTerm = 15;

    /// <summary>One process; <paramref name="StartTime"/> (clock ticks since boot) tells it apart from a later one with the same id.</summary>
    public sealed record Entry(int Pid, int ParentPid, char State, ulong StartTime, IReadOnlyList<string> Arguments)
    {
        public string CommandLine => string.Join(' ', Arguments);

        public override string ToString() => $"{Pid} {(CommandLine.Length > 200 ? CommandLine[..200] + "…" : CommandLine)}";
    }

    /// <summary>Every process now running (zombies included, see <see cref="IsAlive"/>).</summary>
    public static IReadOnlyList<Entry> Snapshot()
    {
        var entries = new List<Entry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Read(pid) is { } entry)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    /// <summary>The <paramref name="roots"/> and all their descendants in <paramref name="all"/>.</summary>
    public static IReadOnlyList<Entry> WithDescendants(IReadOnlyList<Entry> all, IEnumerable<int> roots)
    {
        var found = all.Where(e => roots.Contains(e.Pid)).ToDictionary(e => e.Pid);
        for (var added = true; added;)
        {
            added = false;
            foreach (var entry in all.Where(e => !found.ContainsKey(e.Pid) && found.ContainsKey(e.ParentPid)))
            {
                found[entry.Pid] = entry;
                added = true;
            }
        }
        return [.. found.Values];
    }

    /// <summary>Whether the very process of <paramref name="entry"/> still runs (not a zombie, not a reused id).</summary>
    public static bool IsAlive(Entry entry) => Read(entry.Pid) is { } now && now.StartTime == entry.StartTime && now.State != 'Z' && now.State != 'X';

    /// <summary>Asks a process to stop (SIGTERM), as Ctrl+C or <c>docker stop</c> would.</summary>
    public static void Terminate(int pid) => _ = kill(pid, SigTerm);

    /// <summary>Kills the process of <paramref name="entry"/> if it still runs.</summary>
    public static void Kill(Entry entry)
    {
        if (!IsAlive(entry))
        {
            return;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(entry.Pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Ended meanwhile.
        }
    }

    /// <summary>Waits until none of <paramref name="entries"/> runs; returns those still running after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<Entry>> WaitUntilGoneAsync(IEnumerable<Entry> entries, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var alive = entries.Where(IsAlive).ToList();
            if (alive.Count == 0 || DateTime.UtcNow > deadline)
            {
                return alive;
            }
            await Task.Delay(250);
        }
    }

    private static Entry? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return new Entry(pid, int.Parse(fields[1]), fields[0][0], ulong.Parse(fields[19]), arguments);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // ended while being read
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
