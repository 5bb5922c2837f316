using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// The running processes of a replicated resource, reached directly (not through Aspire's proxy on the resource's
/// port): each instance's DCP name (the id its own commands take), process id and the port it listens on, read from
/// the environment Aspire gave it.
/// </summary>
public static partial class GatewayInstances
{
    public sealed record Instance(string ResourceId, int ProcessId, Uri BaseUrl)
    {
        public Uri McpUrl => new(BaseUrl, "/mcp");
        public override string ToString() => $"{ResourceId} (pid {ProcessId}, {BaseUrl})";
    }

    /// <summary>Waits until every instance Aspire created for <paramref name="name"/> runs and answers its health endpoint.</summary>
    public static async Task<IReadOnlyList<Instance>> RunningAsync(DistributedApplication app, string name, TimeSpan timeout)
    {
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);
        var expected = resource.Annotations.OfType<ReplicaAnnotation>().SingleOrDefault()?.Replicas ?? 1;

        using var cts = new CancellationTokenSource(timeout);
        var latest = new System.Collections.Concurrent.ConcurrentDictionary<string, Instance?>(StringComparer.Ordinal);
        var watch = Task.Run(async () =>
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(cts.Token))
            {
                if (update.Resource == resource)
                {
                    latest[update.ResourceId] = update.Snapshot.State?.Text == KnownResourceStates.Running
                        && update.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
                        && Port(update.Snapshot) is { } port
                        ? new Instance(update.ResourceId, Convert.ToInt32(pid, CultureInfo.InvariantCulture), new Uri($"http://127.0.0.1:{port}"))
                        : null;
                }
            }
        }, cts.Token);
        try
        {
            while (true)
            {
                var running = latest.Values.OfType<Instance>().ToList();
                if (running.Count == expected && await AllHealthyAsync(running, cts.Token))
                {
                    return [.. running.OrderBy(i => i.ResourceId, StringComparer.Ordinal)];
                }
                await Task.Delay(500, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{name}: not all of {expected} instances running and healthy after {timeout}: {string.Join(", ", latest.Select(l => $"{l.Key}={l.Value}"))}");
        }
        finally
        {
            await cts.CancelAsync();
            await watch.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The port of the instance's own listener (its ASPNETCORE_URLS, or HTTP_PORTS).</summary>
    private static int? Port(CustomResourceSnapshot snapshot)
    {
        foreach (var variable in snapshot.EnvironmentVariables)
        {
            if (variable.Name is "ASPNETCORE_URLS" or "HTTP_PORTS" && variable.Value is { } value && PortPattern().Match(value) is { Success: true } match)
            {
                return int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private static async Task<bool> AllHealthyAsync(IEnumerable<Instance> instances, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var instance in instances)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(instance.BaseUrl, "/health"), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex(@"(?:^|[:;,])(?<port>\d{2,5})(?:/|;|,|$)")]
    private static partial Regex PortPattern();
}
