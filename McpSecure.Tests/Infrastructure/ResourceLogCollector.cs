using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecure.Tests.Infrastructure;

/// <summary>Keeps every log line of the named resources from the moment the app starts (Aspire keeps no backlog unwatched).</summary>
public sealed class ResourceLogCollector
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new();

    public ResourceLogCollector(DistributedApplication app, IEnumerable<string> resources)
    {
        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var name in resources)
        {
            var lines = _lines.GetOrAdd(name, _ => new ConcurrentQueue<string>());
            _ = Task.Run(async () =>
            {
                // Logs are kept under the running instance's id (e.g. gateway-abcdefgh), known once it runs.
                var running = await app.ResourceNotifications.WaitForResourceAsync(name, e => e.Snapshot.State?.Text == KnownResourceStates.Running);
                await foreach (var batch in loggers.WatchAsync(running.ResourceId))
                {
                    foreach (var line in batch)
                    {
                        lines.Enqueue(line.Content);
                    }
                }
            });
        }
    }

    public IReadOnlyDictionary<string, string[]> Snapshot() => _lines.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
