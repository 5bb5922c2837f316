namespace McpSecure.Bench;

/// <summary>CPU time and resident memory of a process, from /proc (the fairest figures on a shared machine).</summary>
internal static class ProcessStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU time of <paramref name="pid"/>, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may contain spaces) start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / ClockTicksPerSecond;
    }

    public static double CpuSeconds(IEnumerable<int> pids) => pids.Sum(CpuSeconds);

    /// <summary>Resident set size in MB (VmRSS).</summary>
    public static double ResidentMegabytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            }
        }
        return 0;
    }

    /// <summary>The children of <paramref name="pid"/> (nginx's workers).</summary>
    public static IReadOnlyList<int> Children(int pid)
    {
        var path = $"/proc/{pid}/task/{pid}/children";
        return File.Exists(path)
            ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList()
            : [];
    }

    /// <summary>Every process whose parent is <paramref name="pid"/>, whichever of its threads started it (from /proc/*/stat).</summary>
    public static IReadOnlyList<int> ChildProcesses(int pid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var candidate))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // After the command name: state, then the parent's pid.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1]) == pid)
                {
                    children.Add(candidate);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It exited while we looked.
            }
        }
        return children;
    }

    /// <summary>Every process below <paramref name="pid"/> (children, their children, ...).</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var all = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in ChildProcesses(parent))
            {
                all.Add(child);
                pending.Enqueue(child);
            }
        }
        return all;
    }

    /// <summary>A short name for a process: <c>dotnet run McpSecure.Identity</c> for Aspire's launcher, else the executable's name.</summary>
    public static string Label(int pid)
    {
        var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (arguments.Length == 0)
        {
            return $"pid {pid}";
        }
        var project = Array.IndexOf(arguments, "--project");
        if (arguments.Contains("run") && project >= 0 && project + 1 < arguments.Length)
        {
            var target = Path.GetFileName(arguments[project + 1]);
            return $"dotnet run {(target.EndsWith(".csproj", StringComparison.Ordinal) ? target[..^".csproj".Length] : target)}";
        }
        var name = Path.GetFileName(arguments[0]);
        return name == "dotnet" && arguments.Length > 1 ? Path.GetFileName(arguments[1]) : name;
    }

    /// <summary>The processes started with <c>--monitor &lt;pid&gt;</c> for one of <paramref name="pids"/> (Aspire's DCP).</summary>
    public static IReadOnlyList<int> Monitoring(IReadOnlyCollection<int> pids)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var candidate))
            {
                continue;
            }
            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var monitor = Array.IndexOf(arguments, "--monitor");
                if (monitor >= 0 && monitor + 1 < arguments.Length && int.TryParse(arguments[monitor + 1], out var watched) && pids.Contains(watched))
                {
                    found.Add(candidate);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It exited while we looked.
            }
        }
        return found;
    }
}
