using McpSecure.PrometheusMcp.Prometheus;
using McpSecure.PrometheusMcp.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Server;

namespace McpSecure.UnitTests.PrometheusMcp;

/// <summary>The wiring of the MCP server: which tools it offers, and how the Prometheus client is set up from configuration.</summary>
public sealed class RegistrationTests
{
    private static readonly string[] AdminTools = ["get_tsdb_status", "get_config", "get_flags"];

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        before?.Invoke(services);
        services.AddPrometheusClient();
        services.AddMcpServer().WithPrometheusTools();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Every_prometheus_tool_is_offered_read_only_with_an_output_schema()
    {
        using var services = Services([]);

        var tools = services.GetServices<McpServerTool>().Select(t => t.ProtocolTool).ToList();

        Assert.Equal(16, tools.Select(t => t.Name).Distinct().Count());
        Assert.All(tools, t =>
        {
            Assert.True(t.Annotations?.ReadOnlyHint, t.Name);
            Assert.NotNull(t.OutputSchema);
            Assert.Equal(AdminTools.Contains(t.Name), t.Description!.EndsWith("Admin tool.", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void The_client_sends_the_configured_credentials_and_tenant_under_the_base_path()
    {
        using var services = Services(new()
        {
            ["Prometheus:BaseUrl"] = "https://mimir.example/prometheus",
            ["Prometheus:Username"] = "reader",
            ["Prometheus:Password"] = "pw",
            ["Prometheus:TenantId"] = "team-a",
            ["Prometheus:Headers:X-Api-Key"] = "k",
        });

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PrometheusClient));

        Assert.Equal("https://mimir.example/prometheus/", http.BaseAddress!.AbsoluteUri);
        Assert.Equal("Basic", http.DefaultRequestHeaders.Authorization!.Scheme);
        Assert.Equal("reader:pw", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(http.DefaultRequestHeaders.Authorization.Parameter!)));
        Assert.Equal(["team-a"], http.DefaultRequestHeaders.GetValues(PrometheusRequestHeaders.TenantHeader));
        Assert.Equal(["k"], http.DefaultRequestHeaders.GetValues("X-Api-Key"));
    }

    [Fact]
    public void The_http_timeouts_follow_the_query_timeout_so_prometheus_can_report_its_own_timeout()
    {
        using var services = Services(new() { ["Prometheus:QueryTimeout"] = "00:02:00" });

        var resilience = services.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>().Get($"{nameof(PrometheusClient)}-standard");

        Assert.True(resilience.AttemptTimeout.Timeout > TimeSpan.FromMinutes(2), $"attempt timeout {resilience.AttemptTimeout.Timeout}");
        Assert.Equal(1, resilience.Retry.MaxRetryAttempts);
        Assert.True(resilience.TotalRequestTimeout.Timeout >= resilience.AttemptTimeout.Timeout * 2, $"total timeout {resilience.TotalRequestTimeout.Timeout}");
    }

    [Fact]
    public void Invalid_settings_fail_naming_the_key()
    {
        using var services = Services(new() { ["Prometheus:QueryTimeout"] = "00:30:00", ["Prometheus:BearerToken"] = "t", ["Prometheus:Username"] = "u" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PrometheusOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Prometheus:QueryTimeout = 00:30:00 is out of range", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Prometheus:Username and Prometheus:Password go together", StringComparison.Ordinal));
    }

    [Fact]
    public void A_clock_registered_before_is_kept_and_the_system_clock_is_the_default()
    {
        var fake = new FakeTimeProvider();
        using var withFake = Services([], s => s.AddSingleton<TimeProvider>(fake));
        using var withDefault = Services([]);

        Assert.Same(fake, withFake.GetRequiredService<TimeProvider>());
        Assert.Same(TimeProvider.System, withDefault.GetRequiredService<TimeProvider>());
    }
}
