using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.Client;

namespace McpSecure.Tests.PrometheusMcp.Tenancy;

/// <summary>
/// Data per tenant against real data of two tenants in a real Prometheus, through the real MCP server with
/// <c>Tenancy:Mode=Label</c> and a signed forwarded identity (as the gateway sends it). Every escape attempt returns
/// only team-a's series (all values below 1000) or is refused with a message naming the tenant label; every rewritten
/// query is accepted by Prometheus (a rejected one would come back as a tool error).
/// </summary>
public sealed class TenantEscapeTests(TwoTenantPrometheus data) : IClassFixture<TwoTenantPrometheus>
{
    public static TheoryData<string, int> Escapes => new()
    {
        // query, how many series team-a must get
        { "tfx_load", 2 },
        { "tfx_load or tfx_secret", 2 },
        { "tfx_secret or tfx_untenanted", 0 },
        { "tfx_secret unless tfx_load", 0 },
        { "tfx_load unless on () tfx_secret", 2 },
        { "tfx_load or on () tfx_secret", 2 },
        { "sum(tfx_load) + on () sum(tfx_secret)", 0 },
        { "tfx_load * on () group_left () max(tfx_secret)", 0 },
        { "label_replace(tfx_secret, \"tenant\", \"team-a\", \"\", \"\")", 0 },
        { "label_replace(tfx_load, \"tenant\", \"team-b\", \"\", \"\")", 2 },
        { "label_join(tfx_secret, \"tenant\", \",\", \"instance\")", 0 },
        { "label_join(tfx_load, \"tenant\", \",\", \"instance\")", 2 },
        { "absent(tfx_secret)", 1 },
        { "absent(tfx_untenanted)", 1 },
        { "absent_over_time(tfx_secret[10m])", 1 },
        { "max_over_time(tfx_secret[10m:1m])", 0 },
        { "max_over_time(tfx_load[10m:1m])", 2 },
        { "sum(max_over_time(sum by (tenant) (tfx_load or tfx_secret)[30m:5m]))", 1 },
        { "{__name__=~\".+\"}", 2 },
        { "{__name__=~\"tfx_.*\"}", 2 },
        { "{__name__=~\"tfx_secret|tfx_untenanted\"}", 0 },
        { "{__name__=~\"(?i)TFX_SECRET\"}", 0 },
        { "{__name__!=\"\"}", 2 },
        { "count({__name__=~\".+\"})", 1 },
        { "sum by (tenant) ({__name__=~\".+\"})", 1 },
        { "tfx_secret # }{tenant=\"team-a\"", 0 },
        { "tfx_load{instance=\"x\\\"} or tfx_secret{instance=\\\"b1\"}", 0 },
        { "tfx_secret{instance=~\".*\"} offset 1m", 0 },
        { "tfx_secret @ end()", 0 },
        { "topk(100, tfx_load or tfx_secret or tfx_untenanted)", 2 },
        { "count_values(\"tenant\", tfx_secret)", 0 },
        { "-tfx_load", 2 },
        { "tfx_load{tenant=\"team-a\"}", 2 },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task An_escape_attempt_returns_only_the_tenants_series(string query, int expectedSeries)
    {
        await using var alice = await ConnectAsync("team-a");

        var answer = await alice.CallAsync("execute_query", new { query, time = data.At.ToUnixTimeSeconds().ToString() });

        Assert.False(answer.IsError, $"Prometheus (or the rewriter) refused `{query}`: {answer.Text}");
        var series = answer.Json.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(expectedSeries, series.Count);
        foreach (var one in series)
        {
            var value = double.Parse(one.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(value) < 1000, $"`{query}` returned another tenant's value {value}: {answer.Text}");
        }
    }

    [Theory]
    [InlineData("tfx_load{tenant=\"team-b\"}")]
    [InlineData("tfx_load{tenant!=\"team-a\"}")]
    [InlineData("tfx_load{tenant=~\".+\"}")]
    [InlineData("tfx_load{tenant=~\"team-a|team-b\"}")]
    [InlineData("tfx_load{tenant=\"\"}")]
    [InlineData("tfx_load or {tenant=\"team-b\"}")]
    [InlineData("absent(tfx_secret{tenant=\"team-b\"})")]
    public async Task An_explicit_conflicting_tenant_matcher_is_refused(string query)
    {
        await using var alice = await ConnectAsync("team-a");

        var answer = await alice.CallAsync("execute_query", new { query, time = data.At.ToUnixTimeSeconds().ToString() });

        Assert.True(answer.IsError);
        Assert.Contains("matches the label 'tenant'", answer.Text);
        Assert.Contains("\"team-a\"", answer.Text);
    }

    [Fact]
    public async Task The_other_tenant_gets_its_own_series_from_the_same_query()
    {
        await using var bob = await ConnectAsync("team-b");

        var answer = (await bob.CallAsync("execute_query", new { query = "{__name__=~\"tfx_.+\"}", time = data.At.ToUnixTimeSeconds().ToString() })).Ok();

        var values = answer.Json.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("value").GetString()).Order().ToList();
        Assert.Equal(["1000", "2000", "3000", "5000"], values);
    }

    [Fact]
    public async Task Range_queries_are_confined_too()
    {
        await using var alice = await ConnectAsync("team-a");

        var answer = (await alice.CallAsync("execute_range_query", new
        {
            query = "tfx_load or tfx_secret",
            start = data.Start.AddMinutes(10).ToUnixTimeSeconds().ToString(),
            end = data.At.ToUnixTimeSeconds().ToString(),
            step = "5m",
        })).Ok();

        Assert.Equal(2, answer.Json.GetProperty("series").GetArrayLength());
        Assert.DoesNotContain("team-b", answer.Text);
    }

    [Fact]
    public async Task Series_label_and_metric_name_tools_see_only_the_tenant()
    {
        await using var alice = await ConnectAsync("team-a");

        var names = (await alice.CallAsync("list_metrics", new { filter_pattern = "tfx_" })).Ok();
        Assert.Equal(["tfx_load"], names.Json.GetProperty("items").EnumerateArray().Select(i => i.GetString()));

        var tenants = (await alice.CallAsync("get_label_values", new { label = "tenant" })).Ok();
        Assert.Equal(["team-a"], tenants.Json.GetProperty("items").EnumerateArray().Select(i => i.GetString()));

        var instances = (await alice.CallAsync("get_label_values", new { label = "instance", match = new[] { "{__name__=~\".+\"}" } })).Ok();
        Assert.Equal(["a1", "a2"], instances.Json.GetProperty("items").EnumerateArray().Select(i => i.GetString()));

        var series = (await alice.CallAsync("find_series", new { match = new[] { "tfx_secret", "{__name__=~\"tfx_.*\"}" } })).Ok();
        Assert.DoesNotContain("team-b", series.Text);
        Assert.DoesNotContain("tfx_untenanted", series.Text);
        Assert.Contains("a1", series.Text);

        var refused = await alice.CallAsync("find_series", new { match = new[] { "{tenant=\"team-b\"}" } });
        Assert.True(refused.IsError);
        Assert.Contains("matches the label 'tenant'", refused.Text);
    }

    [Fact]
    public async Task A_caller_without_the_tenant_claim_gets_nothing_and_no_one_gets_the_cross_tenant_tools()
    {
        await using var nobody = await ConnectAsync(null);

        var answer = await nobody.CallAsync("execute_query", new { query = "vector(1)" });
        Assert.True(answer.IsError);
        Assert.Contains("no 'tenant' claim", answer.Text);
        var names = await nobody.CallAsync("list_metrics");
        Assert.True(names.IsError);

        await using var alice = await ConnectAsync("team-a");
        var tools = (await alice.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Contains("execute_query", tools);
        foreach (var hidden in new[] { "get_tsdb_status", "get_config", "get_flags", "get_targets", "get_rules", "get_alerts" })
        {
            Assert.DoesNotContain(hidden, tools);
        }
        var refused = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() => alice.CallToolAsync("get_tsdb_status").AsTask());
        Assert.Contains("reads across tenants", refused.Message);
    }

    private Task<McpClient> ConnectAsync(string? tenant) =>
        McpConnection.ConnectAsync(data.Server.McpUrl, headers: new Dictionary<string, string> { ["X-McpSecure-Identity"] = SignIdentity(tenant) });

    private static string SignIdentity(string? tenant)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", "tenant-test-" + (tenant ?? "none")), new("scope", "mcp:tools prometheus:read prometheus:admin"), new("role", "admin") };
        if (tenant is not null)
        {
            claims.Add(new("tenant", tenant));
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "mcpsecure-gateway",
            Audience = "mcpsecure-mcp-server",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TwoTenantPrometheus.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
