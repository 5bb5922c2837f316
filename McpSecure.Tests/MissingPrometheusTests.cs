using McpSecure.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecure.Tests;

/// <summary>
/// Embedded mode on a machine without the <c>prometheus</c> executable: the prometheus resource fails, and its log
/// says how to install Prometheus or to use Containers mode instead; the rest of the app still comes up and answers,
/// and the tools say that Prometheus is unreachable.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class MissingPrometheusTests
{
    [Fact]
    public async Task Prometheus_resource_fails_with_an_install_hint_when_the_executable_is_not_on_path()
    {
        // PATH with dotnet only (the app's projects need it), so `prometheus` cannot be found. Test collections run
        // one at a time, so changing this process's PATH for the duration of the test affects no other test.
        var originalPath = Environment.GetEnvironmentVariable("PATH");
        var binFolder = Directory.CreateTempSubdirectory("mcpsecure-no-prometheus-").FullName;
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "dotnet");
        File.CreateSymbolicLink(Path.Combine(binFolder, "dotnet"), Path.GetFullPath(dotnet));
        Environment.SetEnvironmentVariable("PATH", binFolder);
        try
        {
            Assert.Null(McpSecure.AppHost.ExecutableLocator.Find("prometheus"));
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var builder = await TestAppHost.CreateEmbeddedAsync(
                Directory.CreateTempSubdirectory("mcpsecure-no-prometheus-data-").FullName, cancellationToken: cts.Token);
            await using var app = await builder.BuildAsync(cts.Token);
            await app.StartAsync(cts.Token);

            var failed = await app.ResourceNotifications.WaitForResourceAsync("prometheus",
                e => e.Snapshot.State?.Text is "FailedToStart" or "Exited" or "Finished", cts.Token);
            Assert.NotEqual(KnownResourceStates.Running, failed.Snapshot.State?.Text);

            // The hint was logged to the resource before it was started; its backlog keeps it.
            var lines = new List<string>();
            using var watch = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            watch.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
                await foreach (var batch in loggers.WatchAsync(failed.ResourceId).WithCancellation(watch.Token))
                {
                    lines.AddRange(batch.Select(line => line.Content));
                    if (lines.Any(l => l.Contains("sudo apt install prometheus")))
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (!cts.IsCancellationRequested)
            {
                // No more lines: the assertion below says what was there.
            }
            var hint = Assert.Single(lines, l => l.Contains("sudo apt install prometheus"));
            Assert.Contains("is not on PATH", hint);
            Assert.Contains("McpSecure:Mode=Containers", hint);

            // Nothing waits for Prometheus: the MCP server and the gateway are up, and a tool answers with a clear error.
            await app.ResourceNotifications.WaitForResourceHealthyAsync("prometheus-mcp", cts.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
            await using var client = await McpConnection.ConnectAsync(new Uri(app.GetEndpoint("prometheus-mcp", "http"), "/mcp"));
            var answer = await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up" }, cancellationToken: cts.Token);
            Assert.True(answer.IsError);
            Assert.Matches("Prometheus at .* is unreachable", McpAssert.SingleText(answer));
            using var http = new HttpClient();
            var challenge = await http.PostAsync(new Uri(app.GetEndpoint("gateway", "http"), "/mcp"), new StringContent("{}"), cts.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", originalPath);
        }
    }
}
