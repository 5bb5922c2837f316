using System.Runtime.CompilerServices;
using McpSecure.GatewayIdentity.ToolAccess;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.GatewayIdentity;

/// <summary>The one rule type and its evaluation, which the gateway and the MCP server share.</summary>
public sealed class ToolAccessPolicyTests
{
    private static readonly HashSet<string> None = [];

    private static ToolAccessPolicy Policy(params (string Key, string[] Scopes, string[] Roles)[] rules) => new(new ToolAccessOptions
    {
        Tools = rules.ToDictionary(rule => rule.Key, rule => new ToolAccessRule { Scopes = rule.Scopes, Roles = rule.Roles }),
    });

    [Fact]
    public void Exact_name_wins_over_patterns_and_the_longest_pattern_over_shorter_ones()
    {
        var policy = Policy(("*", ["read"], []), ("get_*", ["get"], []), ("get_config", ["admin"], []));

        Assert.Equal("get_config", policy.RuleFor("get_config")!.Value.Key);
        Assert.Equal("get_*", policy.RuleFor("get_flags")!.Value.Key);
        Assert.Equal("*", policy.RuleFor("execute_query")!.Value.Key);
        Assert.Equal("*", policy.RuleFor("GET_config")!.Value.Key); // tool names are case-sensitive
    }

    [Fact]
    public void Every_scope_is_required_and_the_missing_ones_are_named()
    {
        var policy = Policy(("get_config", ["prometheus:admin", "audit"], []));

        var decision = policy.Evaluate("get_config", new HashSet<string> { "mcp:tools", "audit" }, None);

        Assert.False(decision.IsAllowed);
        Assert.True(decision.CanStepUp);
        Assert.Equal(["prometheus:admin"], decision.MissingScopes);
        Assert.Equal(["prometheus:admin", "audit"], decision.RequiredScopes);
        Assert.Equal("The tool 'get_config' requires the scope prometheus:admin.", decision.Describe());
        Assert.True(policy.Evaluate("get_config", new HashSet<string> { "prometheus:admin", "audit" }, None).IsAllowed);
    }

    [Fact]
    public void One_of_the_roles_is_enough_and_a_missing_role_cannot_be_stepped_up_to()
    {
        var policy = Policy(("server_status", [], ["admin", "operator"]));

        Assert.True(policy.Evaluate("server_status", None, new HashSet<string> { "operator" }).IsAllowed);
        var refused = policy.Evaluate("server_status", None, new HashSet<string> { "reader" });
        Assert.False(refused.IsAllowed);
        Assert.False(refused.CanStepUp);
        Assert.Equal("The tool 'server_status' requires one of the roles admin, operator.", refused.Describe());
    }

    [Fact]
    public void A_tool_no_rule_matches_is_refused_but_without_rules_nothing_is_restricted()
    {
        var refused = Policy(("execute_*", ["read"], [])).Evaluate("drop_tables", new HashSet<string> { "read" }, None);
        Assert.False(refused.IsAllowed);
        Assert.Null(refused.Rule);
        Assert.Equal("The tool 'drop_tables' is not allowed: no tool access rule matches it.", refused.Describe());

        var open = Policy();
        Assert.True(open.IsUnrestricted);
        Assert.True(open.Evaluate("anything", None, None).IsAllowed);

        var off = new ToolAccessPolicy(new ToolAccessOptions { Enabled = false, Tools = { ["*"] = new() { Scopes = ["read"] } } });
        Assert.True(off.IsUnrestricted);
        Assert.True(off.Evaluate("execute_query", None, None).IsAllowed);
        Assert.Empty(off.CatchAllScopes);
    }

    [Fact]
    public void Unidentified_callers_get_nothing_unless_allowed()
    {
        var policy = Policy(("whoami", [], []));
        Assert.False(policy.Allows("whoami", caller: null));
        Assert.True(new ToolAccessPolicy(new ToolAccessOptions { AllowUnidentifiedCallers = true, Tools = { ["*"] = new() } }).Allows("x", null));
    }

    [Theory]
    [InlineData("get*config", "Scopes", "prometheus:admin", "ToolAccess:Tools:get*config: the tool name or pattern 'get*config' may contain '*' only as its last character")]
    [InlineData("get config", "Scopes", "prometheus:admin", "ToolAccess:Tools:get config: the tool name or pattern 'get config' contains white space")]
    [InlineData("get_config", "Scopes", "prometheus:admin prometheus:read", "ToolAccess:Tools:get_config:Scopes:0 must be one non-empty scope without spaces")]
    [InlineData("get_config", "Roles", " ", "ToolAccess:Tools:get_config:Roles:0 must be one non-empty role without spaces")]
    public void Invalid_rules_stop_the_start_with_the_full_key(string tool, string kind, string value, string expected)
    {
        using var provider = Services(new Dictionary<string, string?> { [$"ToolAccess:Tools:{tool}:{kind}:0"] = value }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ToolAccessOptions>>().Value);

        Assert.Contains(expected, error.Message);
    }

#if (!ExcludePrometheusServer)
    [Fact]
    public void The_gateway_and_the_mcp_server_ship_the_same_rules_alice_may_read_and_bob_may_also_administer()
    {
        var gateway = ShippedPolicy("McpSecure.Gateway", "Gateway:ToolAccess", out var gatewayOptions);
        var server = ShippedPolicy("McpSecure.PrometheusMcp", "ToolAccess", out var serverOptions);

        Assert.Equal(Describe(gatewayOptions), Describe(serverOptions));
        HashSet<string> alice = ["mcp:tools", "prometheus:read"];
        HashSet<string> bob = ["mcp:tools", "prometheus:read", "prometheus:admin"];
        string[] admin = ["get_tsdb_status", "get_config", "get_flags"];
        string[] read = ["execute_query", "execute_range_query", "list_metrics", "find_series", "get_targets", "health_check"];
        foreach (var policy in new[] { gateway, server })
        {
            Assert.All(admin, tool => Assert.False(policy.Evaluate(tool, alice, None).IsAllowed, tool));
            Assert.All(admin, tool => Assert.Equal(["prometheus:admin"], policy.Evaluate(tool, alice, None).MissingScopes));
            Assert.All(admin.Concat(read), tool => Assert.True(policy.Evaluate(tool, bob, None).IsAllowed, tool));
            Assert.All(read, tool => Assert.True(policy.Evaluate(tool, alice, None).IsAllowed, tool));
            Assert.All(read, tool => Assert.False(policy.Evaluate(tool, new HashSet<string> { "mcp:tools" }, None).IsAllowed, tool));
            Assert.True(policy.Evaluate("whoami", new HashSet<string> { "mcp:tools" }, None).IsAllowed);
        }
        // Only the MCP server serves callers without a forwarded identity (its neighbours inside the app).
        Assert.True(server.AllowUnidentifiedCallers);
        Assert.False(gateway.AllowUnidentifiedCallers);
    }

#endif
    private static ToolAccessPolicy ShippedPolicy(string project, string section, out ToolAccessOptions options)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), project, "appsettings.json")).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddToolAccess(section);
        using var provider = services.BuildServiceProvider();
        options = provider.GetRequiredService<IOptions<ToolAccessOptions>>().Value;
        return provider.GetRequiredService<ToolAccessPolicy>();
    }

    private static string Describe(ToolAccessOptions options) => string.Join('\n', options.Tools.OrderBy(rule => rule.Key, StringComparer.Ordinal)
        .Select(rule => $"{rule.Key}: {string.Join(' ', rule.Value.Scopes)} / {string.Join(' ', rule.Value.Roles)}"));

    private static IServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.AddToolAccess();
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
