using McpSecure.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// Faults injected into a resource of the running app. <see cref="StopAsync"/>/<see cref="StartAsync"/> use Aspire's own
/// resource commands (the dashboard's Stop/Start). <see cref="FreezeAsync"/>/<see cref="Thaw"/> suspend the resource's
/// processes (SIGSTOP/SIGCONT): a hung process, which Aspire's development proxy and the kernel's listen backlog make
/// indistinguishable from a stopped resource for a caller: the connection is accepted and never answered. Used for the
/// .NET projects, which DCP failed to stop on our loaded 2-core machines ("timed out waiting for process to stop").
/// </summary>
public static class ResourceFaults
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public static async Task StopAsync(DistributedApplication app, string name)
    {
        using var cts = new CancellationTokenSource(CommandTimeout);
        await ExecuteAsync(app, name, KnownResourceCommands.StopCommand, cts.Token);
        await app.ResourceNotifications.WaitForResourceAsync(name, [KnownResourceStates.Exited, KnownResourceStates.Finished], cts.Token);
    }

    public static async Task StartAsync(DistributedApplication app, string name)
    {
        using var cts = new CancellationTokenSource(CommandTimeout);
        await ExecuteAsync(app, name, KnownResourceCommands.StartCommand, cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(name, cts.Token);
    }

    /// <summary>Suspends the resource's process and every process it started; returns them for <see cref="Thaw"/>.</summary>
    public static async Task<IReadOnlyList<int>> FreezeAsync(DistributedApplication app, string name)
    {
        Assert.True(OperatingSystem.IsLinux(), "freezing a resource needs Linux (/proc and SIGSTOP)");
        var tree = ProcessTree(await ProcessIdAsync(app, name));
        foreach (var process in tree)
        {
            Signal(process, "STOP");
        }
        return tree;
    }

    /// <summary>The id of the process Aspire started for the resource.</summary>
    public static async Task<int> ProcessIdAsync(DistributedApplication app, string name)
    {
        using var cts = new CancellationTokenSource(CommandTimeout);
        var running = await app.ResourceNotifications.WaitForResourceAsync(name, e => e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value is not null), cts.Token);
        return Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Thaw(IReadOnlyList<int> processes)
    {
        foreach (var process in processes)
        {
            Signal(process, "CONT");
        }
    }

    /// <summary>The process and every process it started, from /proc.</summary>
    public static List<int> ProcessTree(int root)
    {
        var all = new List<int> { root };
        for (var i = 0; i < all.Count; i++)
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{all[i]}/task"))
            {
                var children = File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                all.AddRange(children.Select(int.Parse).Where(c => !all.Contains(c)));
            }
        }
        return all;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static async Task ExecuteAsync(DistributedApplication app, string name, string command, CancellationToken cancellationToken)
    {
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, cancellationToken);
        Assert.True(result.Success, $"{command} {name}: {result.Message}");
    }
}
