using System.Net;
using System.Security.Claims;
using McpSecure.GatewayIdentity;
using McpSecure.PrometheusMcp.Prometheus;
using McpSecure.PrometheusMcp.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.PrometheusMcp.Tenancy;

/// <summary>The one place tenancy is enforced, <see cref="PrometheusClient"/>: what each mode sends to Prometheus.</summary>
public sealed class TenancyClientTests
{
    private const string Success = """{"status":"success","data":{"resultType":"vector","result":[]}}""";

    [Fact]
    public async Task Label_mode_sends_the_query_rewritten_on_its_syntax_tree()
    {
        var (client, sent) = Connect(TenancyMode.Label, "team-a");

        await client.QueryAsync("sum(rate(x[5m])) or y{job=\"a\"}", null, default);

        var form = Assert.Single(sent).Form!;
        Assert.Contains("query=" + Uri.EscapeDataString("sum(rate(x{tenant=\"team-a\"}[5m])) or y{job=\"a\",tenant=\"team-a\"}").Replace("%20", "+"), form);
        Assert.Null(sent[0].OrgId);
    }

    [Fact]
    public async Task Label_mode_confines_match_selectors_and_adds_one_when_there_is_none()
    {
        var (client, sent) = Connect(TenancyMode.Label, "team-a", """{"status":"success","data":[]}""");

        await client.LabelValuesAsync("job", [], null, null, default);
        await client.SeriesAsync(["up", "{__name__=~\"a.*\"}"], null, null, default);

        Assert.Equal("match%5B%5D=" + Uri.EscapeDataString("{tenant=\"team-a\"}"), sent[0].Uri.Query.TrimStart('?'));
        Assert.Equal($"match%5B%5D={Esc("up{tenant=\"team-a\"}")}&match%5B%5D={Esc("{__name__=~\"a.*\",tenant=\"team-a\"}")}", sent[1].Form);
    }

    [Fact]
    public async Task OrgId_mode_sends_the_callers_tenant_as_X_Scope_OrgID_and_the_query_as_written()
    {
        var (client, sent) = Connect(TenancyMode.OrgIdHeader, "team-b");

        await client.QueryAsync("up", null, default);

        Assert.Equal("team-b", Assert.Single(sent).OrgId);
        Assert.Contains("query=up&", sent[0].Form);
    }

    [Theory]
    [InlineData("Label")]
    [InlineData("OrgIdHeader")]
    public async Task A_caller_without_the_claim_gets_nothing_and_nothing_is_sent(string mode)
    {
        var (client, sent) = Connect(Enum.Parse<TenancyMode>(mode), tenant: null);

        var error = await Assert.ThrowsAsync<TenantViolationException>(() => client.QueryAsync("vector(1)", null, default));

        Assert.Contains("no 'tenant' claim", error.Message);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task Calls_that_read_across_tenants_are_refused_and_build_info_is_not()
    {
        var (client, sent) = Connect(TenancyMode.Label, "team-a", """{"status":"success","data":{}}""");

        await Assert.ThrowsAsync<TenantViolationException>(() => client.TargetsAsync("active", default));
        await Assert.ThrowsAsync<TenantViolationException>(() => client.StatusAsync("tsdb", default));
        await Assert.ThrowsAsync<TenantViolationException>(() => client.RulesAsync(null, default));
        await client.StatusAsync("buildinfo", default);

        Assert.Single(sent);
    }

    [Fact]
    public async Task Tenancy_off_changes_nothing()
    {
        var (client, sent) = Connect(TenancyMode.Off, tenant: null);

        await client.QueryAsync("up{tenant=\"anything\"}", null, default);

        Assert.Contains("query=" + Esc("up{tenant=\"anything\"}"), Assert.Single(sent).Form);
    }

    [Fact]
    public void The_validator_names_each_wrong_key()
    {
        var validator = new TenancyOptionsValidator(Options.Create(new PrometheusOptions { TenantId = "fixed" }));

        var result = validator.Validate(null, new TenancyOptions { Mode = TenancyMode.OrgIdHeader, Claim = "password", Label = "__tenant" });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Tenancy:Claim = 'password' is not a claim the gateway forwards", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Tenancy:Label = '__tenant' is not a label name", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("remove the fixed Prometheus:TenantId", StringComparison.Ordinal));
        Assert.True(validator.Validate(null, new TenancyOptions()).Succeeded);
    }

    private static string Esc(string value) => Uri.EscapeDataString(value).Replace("%20", "+");

    private static (PrometheusClient Client, List<Sent> Sent) Connect(TenancyMode mode, string? tenant, string body = Success)
    {
        var claims = new List<Claim> { new(GatewayIdentityClaimTypes.Subject, "someone") };
        if (tenant is not null)
        {
            claims.Add(new(GatewayIdentityClaimTypes.Tenant, tenant));
        }
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, GatewayIdentityDefaults.AuthenticationScheme));
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = user } };
        var resolver = new CallerTenantResolver(accessor, Options.Create(new TenancyOptions { Mode = mode }));
        var handler = new RecordingHandler(body);
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://prometheus.test/") };
        return (new PrometheusClient(http, Options.Create(new PrometheusOptions()), resolver), handler.Sent);
    }

    private sealed record Sent(Uri Uri, string? Form, string? OrgId);

    private sealed class RecordingHandler(string body) : HttpMessageHandler
    {
        public List<Sent> Sent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var orgId = request.Headers.TryGetValues("X-Scope-OrgID", out var values) ? string.Join(",", values) : null;
            Sent.Add(new Sent(request.RequestUri!, form, orgId));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        }
    }
}
