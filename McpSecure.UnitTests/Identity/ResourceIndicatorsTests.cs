using System.Collections.Immutable;
using McpSecure.Identity.Authorization;
using OpenIddict.Abstractions;

namespace McpSecure.UnitTests.Identity;

public sealed class ResourceIndicatorsTests
{
    private const string Mcp = "http://localhost:5100/mcp";
    private const string Other = "https://other.example/api";

    private static OpenIddictRequest RequestFor(params string[] resources) =>
        new() { Resources = resources.Length > 0 ? [.. resources] : null };

    private static ResourceIndicators Indicators(out FakeScopeManager fake) =>
        new(FakeScopeManager.Create(new Dictionary<string, string[]>
        {
            ["mcp:tools"] = [Mcp],
            ["prometheus:read"] = [Mcp, Other],
        }, out fake));

    [Fact]
    public async Task An_authorization_request_with_resource_gets_exactly_those_resources()
    {
        var indicators = Indicators(out var fake);

        var selected = await indicators.SelectForAuthorizationAsync(RequestFor(Other), ["mcp:tools"], CancellationToken.None);

        Assert.Equal(new[] { Other }, selected);
        Assert.Empty(fake.ListedScopes);
    }

    [Fact]
    public async Task Without_resource_the_granted_scopes_decide_the_audience_once_each()
    {
        var indicators = Indicators(out _);

        var selected = await indicators.SelectForAuthorizationAsync(RequestFor(), ["mcp:tools", "prometheus:read"], CancellationToken.None);

        Assert.Equal(new[] { Mcp, Other }, selected);
    }

    [Fact]
    public async Task Scopes_without_resources_yield_a_token_with_no_audience()
    {
        var indicators = Indicators(out _);

        var selected = await indicators.SelectForAuthorizationAsync(RequestFor(), ["openid", "profile"], CancellationToken.None);

        Assert.Empty(selected);
    }

    [Fact]
    public void A_token_request_without_resource_keeps_the_granted_audience()
    {
        ImmutableArray<string> granted = [Mcp, Other];

        Assert.True(ResourceIndicators.TrySelectForTokenRequest(RequestFor(), granted, out var selected));
        Assert.Equal(granted, selected);
    }

    [Fact]
    public void A_token_request_may_narrow_the_audience_but_not_widen_it()
    {
        ImmutableArray<string> granted = [Mcp];

        Assert.True(ResourceIndicators.TrySelectForTokenRequest(RequestFor(Mcp), [Mcp, Other], out var narrowed));
        Assert.Equal(new[] { Mcp }, narrowed);

        Assert.False(ResourceIndicators.TrySelectForTokenRequest(RequestFor(Mcp, Other), granted, out _));
        Assert.False(ResourceIndicators.TrySelectForTokenRequest(RequestFor(Mcp.ToUpperInvariant()), granted, out _));
    }
}
