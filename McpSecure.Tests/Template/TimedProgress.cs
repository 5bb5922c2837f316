using System.Diagnostics;
using ModelContextProtocol;

namespace McpSecure.Tests.Template;

/// <summary>An MCP progress handler that notes when each notification reached the client.</summary>
internal sealed class TimedProgress(Stopwatch clock) : IProgress<ProgressNotificationValue>
{
    private readonly List<(TimeSpan At, float Progress)> reports = [];

    public IReadOnlyList<(TimeSpan At, float Progress)> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    /// <summary>The reports once there are <paramref name="count"/> of them, or those that came within <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<(TimeSpan At, float Progress)>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = clock.Elapsed + timeout;
        while (Reports.Count < count && clock.Elapsed < deadline)
        {
            await Task.Delay(50);
        }
        return Reports;
    }

    public void Report(ProgressNotificationValue value)
    {
        lock (reports)
        {
            reports.Add((clock.Elapsed, value.Progress));
        }
    }
}
