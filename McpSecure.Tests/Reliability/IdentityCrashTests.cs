using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// McpSecure.Identity killed with SIGKILL (no shutdown of any kind) while clients register (RFC 7591) and users sign
/// in: every registration that got its 201 is in the database and usable after the restart, and SQLite's own
/// integrity check passes. A 201 is written only after the registration's transaction committed to SQLite's write-ahead
/// log (EF Core creates the database in WAL mode), which a killed process cannot take back: the kernel holds what was written.
/// </summary>
[Collection(ReplicatedAppCollection.Name)]
public sealed class IdentityCrashTests(ReplicatedAppFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Registrars = 6;
    private const int MinimumBeforeKill = 20;

    [Fact]
    public async Task Killed_during_registrations_and_logins_it_keeps_every_completed_registration_and_an_intact_database()
    {
        var issuer = new Uri(fixture.Issuer);
        var provider = ProcessMemory.FindInTree(await ResourceFaults.ProcessIdAsync(fixture.App, "identity"), "McpSecure.Identity");
        var registered = new ConcurrentDictionary<string, string>();
        var failures = new ConcurrentBag<string>();
        var logins = 0;
        var loginFailures = 0;
        using var stop = new CancellationTokenSource();

        var registrars = Enumerable.Range(0, Registrars).Select(worker => Task.Run(async () =>
        {
            // Aspire's development proxy accepts connections for the killed process and never answers them: a short limit.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var redirectUri = $"http://127.0.0.1:{40000 + worker}/callback/{n}";
                try
                {
                    using var response = await http.PostAsJsonAsync(new Uri(issuer, "connect/register"), new
                    {
                        redirect_uris = new[] { redirectUri },
                        client_name = $"crash test {worker}-{n}",
                        token_endpoint_auth_method = "none",
                        grant_types = new[] { "authorization_code" },
                        response_types = new[] { "code" },
                    });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                        registered[body.GetProperty("client_id").GetString()!] = redirectUri;
                    }
                    else
                    {
                        failures.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.HttpRequestError.ToString());
                    await Task.Delay(100);
                }
                catch (TaskCanceledException)
                {
                    failures.Add("no answer in 10 s");
                }
            }
        })).ToList();
        var loginWorker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await PkceLogin.GetTokenAsync(issuer, fixture.McpUrl.AbsoluteUri, "alice", "alice-dev-password", cancellationToken: stop.Token);
                    Interlocked.Increment(ref logins);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or Xunit.Sdk.XunitException or OperationCanceledException)
                {
                    Interlocked.Increment(ref loginFailures);
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        });

        var waited = Stopwatch.StartNew();
        while (registered.Count < MinimumBeforeKill && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(50);
        }
        Assert.True(registered.Count >= MinimumBeforeKill, $"only {registered.Count} registrations in 90 s; failures: {string.Join(", ", failures)}");
        var beforeKill = registered.Count;
        using (var kill = Process.Start("kill", ["-KILL", provider.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await fixture.App.ResourceNotifications.WaitForResourceAsync("identity",
                [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart], exited.Token);
        }
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll([.. registrars, loginWorker]);
        var completed = registered.ToDictionary();
        output.WriteLine($"SIGKILL after {waited.Elapsed.TotalSeconds:0.0} s: {beforeKill} registrations had their 201 when the kill was sent, " +
            $"{completed.Count} in all; {logins} logins completed, {loginFailures} failed; refused or failed registrations: " +
            string.Join(", ", failures.GroupBy(f => f).Select(g => $"{g.Key} ×{g.Count()}")));

        // The database as the killed process left it, before anything opens it again.
        var database = Directory.EnumerateFiles(fixture.DataPath, "identity.db", SearchOption.AllDirectories).Single();
        var leftOver = Directory.EnumerateFiles(Path.GetDirectoryName(database)!, "identity.db-*").Select(Path.GetFileName).ToList();
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check"));
            var journal = await ScalarAsync(connection, "PRAGMA journal_mode");
            var stored = new HashSet<string>(StringComparer.Ordinal);
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT ClientId FROM OpenIddictApplications";
            using (var reader = await query.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    stored.Add(reader.GetString(0));
                }
            }
            var lost = completed.Keys.Where(id => !stored.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"registrations answered 201 but not stored: {string.Join(", ", lost)}");
            output.WriteLine($"After the kill: integrity_check ok, journal_mode {journal}, files left beside the database: " +
                $"{(leftOver.Count == 0 ? "none" : string.Join(", ", leftOver))}; all {completed.Count} registrations with a 201 are stored " +
                $"({stored.Count(id => id.StartsWith("mcp-dyn-", StringComparison.Ordinal)) - completed.Count} more were stored whose answer was lost with the process)");
        }

        await ResourceFaults.StartAsync(fixture.App, "identity");

        // Every registration is usable: the authorization endpoint knows the client and its redirect URI and sends the
        // user to sign in (an unknown client gets an error page instead).
        var endpoints = await PkceLogin.ProviderEndpoints.DiscoverAsync(issuer);
        using var browser = EmbeddedAppFixture.CreateRawClient();
        foreach (var (clientId, redirectUri) in completed)
        {
            var request = AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, "openid mcp:tools", clientId, redirectUri);
            using var response = await browser.GetAsync(request.Url(endpoints.Authorization));
            Assert.True(response.StatusCode == HttpStatusCode.Found && response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase) == true,
                $"{clientId}: {(int)response.StatusCode} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}");
        }
        var (someId, itsRedirect) = completed.Last();
        var (_, token) = await PkceLogin.LoginAsync(issuer, AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, "openid mcp:tools", someId, itsRedirect),
            "bob", "bob-dev-password");
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.False(string.IsNullOrEmpty((await fixture.LoginAsync()).AccessToken));
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
