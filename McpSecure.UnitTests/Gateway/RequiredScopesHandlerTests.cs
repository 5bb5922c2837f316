using System.Security.Claims;
using McpSecure.Gateway.Authorization;
using McpSecure.Gateway.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.Gateway;

public sealed class RequiredScopesHandlerTests
{
    [Theory]
    [InlineData("scope", "openid mcp:tools prometheus:read", true)]
    [InlineData("scope", "openid prometheus:read", false)]
    [InlineData("scope", "mcp:toolsx", false)]
    [InlineData("scp", "mcp:tools", true)]
    public async Task One_scope_claim_is_split_on_spaces(string claimType, string value, bool succeeds)
    {
        Assert.Equal(succeeds, await AuthorizeAsync(["mcp:tools"], new Claim(claimType, value)));
    }

    [Fact]
    public async Task Scopes_spread_over_several_scp_claims_count_together()
    {
        Assert.True(await AuthorizeAsync(["mcp:tools", "prometheus:read"], new Claim("scp", "mcp:tools"), new Claim("scp", "prometheus:read")));
        Assert.False(await AuthorizeAsync(["mcp:tools", "prometheus:admin"], new Claim("scp", "mcp:tools"), new Claim("scp", "prometheus:read")));
    }

    [Fact]
    public async Task Scopes_are_case_sensitive()
    {
        Assert.False(await AuthorizeAsync(["mcp:tools"], new Claim("scope", "MCP:TOOLS")));
    }

    [Fact]
    public async Task Without_required_scopes_any_token_passes()
    {
        Assert.True(await AuthorizeAsync([]));
    }

    private static async Task<bool> AuthorizeAsync(string[] required, params Claim[] claims)
    {
        var handler = new RequiredScopesHandler(Options.Create(new GatewayOptions { RequiredScopes = required }));
        var requirement = new RequiredScopesRequirement();
        var context = new AuthorizationHandlerContext([requirement], new ClaimsPrincipal(new ClaimsIdentity(claims, "test")), null);
        await handler.HandleAsync(context);
        return context.HasSucceeded;
    }
}
