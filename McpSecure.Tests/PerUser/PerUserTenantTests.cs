using System.Globalization;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using McpSecure.Tests.PrometheusMcp;
using McpSecure.Tests.PrometheusMcp.Tenancy;

namespace McpSecure.Tests.PerUser;

/// <summary>
/// Data per tenant with real logins (PKCE) through the real gateway: the demo realm puts alice in tenant team-a and bob
/// in team-b; the AppHost runs with <c>McpSecure:DemoTenants=true</c> (prometheus-mcp with <c>Tenancy:Mode=Label</c>, scrape
/// jobs labelled by tenant) and its Prometheus holds both tenants' backfilled data too. The same query returns each user
/// only their own series.
/// </summary>
public sealed class PerUserTenantTests(PerUserTenantTests.TenantApp app) : IClassFixture<PerUserTenantTests.TenantApp>
{
    private const string Scopes = "openid profile offline_access mcp:tools prometheus:read";

    [Fact]
    public async Task Alice_and_bob_query_the_same_metric_and_get_only_their_own_series()
    {
        var alice = await app.LoginAsync("alice", "alice-dev-password", Scopes);
        var bob = await app.LoginAsync("bob", "bob-dev-password", Scopes);

        var aliceValues = await ValuesAsync(alice.AccessToken, "tfx_load or tfx_secret");
        var bobValues = await ValuesAsync(bob.AccessToken, "tfx_load or tfx_secret");

        Assert.Equal(["team-a a1 1", "team-a a2 2"], aliceValues);
        Assert.Equal(["team-b b1 1000", "team-b b2 2000", "team-b b3 3000"], bobValues);
        // An escape attempt through the gateway fares no better.
        Assert.Equal(["team-a a1 1", "team-a a2 2"], await ValuesAsync(alice.AccessToken, "{__name__=~\".+\"} or on () tfx_secret"));
    }

    [Fact]
    public async Task The_demos_own_scraped_data_is_split_between_the_two_tenants()
    {
        var alice = await app.LoginAsync("alice", "alice-dev-password", Scopes);
        var bob = await app.LoginAsync("bob", "bob-dev-password", Scopes);

        Assert.Equal(["identity", "prometheus"], await JobsAsync(alice.AccessToken));
        Assert.Equal(["gateway", "prometheus-mcp"], await JobsAsync(bob.AccessToken));
    }

    private async Task<List<string?>> JobsAsync(string accessToken)
    {
        await using var client = await McpConnection.ConnectAsync(app.McpUrl, accessToken);
        var answer = (await client.CallAsync("execute_query", new { query = "up" })).Ok();
        return answer.Json.GetProperty("series").EnumerateArray().Select(s => Label(s, "job")).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task With_tenancy_on_the_cross_tenant_tools_are_gone_even_for_an_admin()
    {
        var bob = await app.LoginAsync("bob", "bob-dev-password", Scopes + " prometheus:admin");
        await using var client = await McpConnection.ConnectAsync(app.McpUrl, bob.AccessToken);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();

        Assert.Contains("execute_query", tools);
        Assert.DoesNotContain("get_tsdb_status", tools);
        Assert.DoesNotContain("get_config", tools);
        Assert.DoesNotContain("get_targets", tools);
    }

    private async Task<List<string>> ValuesAsync(string accessToken, string query)
    {
        await using var client = await McpConnection.ConnectAsync(app.McpUrl, accessToken);
        var answer = (await client.CallAsync("execute_query", new { query, time = app.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) })).Ok();
        return answer.Json.GetProperty("series").EnumerateArray()
            .Select(s => $"{Label(s, "tenant")} {Label(s, "instance")} {s.GetProperty("value").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string? Label(JsonElement series, string name) =>
        series.GetProperty("metric").TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>The AppHost (Embedded) with two tenants' data in its Prometheus and tenancy on in prometheus-mcp.</summary>
    public sealed class TenantApp : IAsyncLifetime
    {
        private readonly string _dataPath = Directory.CreateTempSubdirectory("mcpsecure-tenant-").FullName;
        private DistributedApplication? _app;

        public DateTimeOffset Start { get; } = TwoTenantPrometheus.StartFor(DateTimeOffset.UtcNow);

        public DateTimeOffset At => Start.AddMinutes(59);

        public Uri McpUrl => new(_app!.GetEndpoint("gateway", "http"), "/mcp");

        public Task<PkceLogin.TokenResponse> LoginAsync(string username, string password, string scopes) =>
            PkceLogin.GetTokenAsync(new Uri(_app!.GetEndpoint("identity", "http"), "/"), McpUrl.AbsoluteUri, username, password, scopes);

        public async Task InitializeAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var tsdb = Path.Combine(_dataPath, "prometheus-data");
            Directory.CreateDirectory(tsdb);
            var input = Path.Combine(_dataPath, "two-tenants.openmetrics");
            await File.WriteAllTextAsync(input, TwoTenantPrometheus.OpenMetrics(Start), cts.Token);
            var promtool = McpSecure.AppHost.ExecutableLocator.Find("promtool") ?? throw new InvalidOperationException("promtool is not on PATH (apt-get install prometheus).");
            var backfill = await ExternalProcess.RunAsync(promtool, ["tsdb", "create-blocks-from", "openmetrics", input, tsdb], null, _dataPath, TimeSpan.FromMinutes(3));
            Assert.True(backfill.ExitCode == 0, $"promtool backfill failed: {backfill}");

            var builder = await TestAppHost.CreateEmbeddedAsync(_dataPath, ["--McpSecure:DemoTenants=true"], cts.Token);
            _app = await builder.BuildAsync(cts.Token);
            await _app.StartAsync(cts.Token);
            foreach (var resource in new[] { "identity", "prometheus", "prometheus-mcp", "gateway" })
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
            }
            await EmbeddedAppFixture.WaitUntilPrometheusHasScrapedEveryTargetAsync(_app, cts.Token);
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
            TempFolder.TryDelete(_dataPath);
        }
    }
}
