using McpSecure.Identity.Realm;

namespace McpSecure.UnitTests.Identity;

public sealed class KeycloakRedirectUriPatternTests
{
    [Theory]
    [InlineData("http://127.0.0.1/*", "http://127.0.0.1:51234/callback")]
    [InlineData("http://127.0.0.1/*", "http://127.0.0.1/")]
    [InlineData("http://localhost/*", "http://localhost:3000/oauth/callback?state=x")]
    [InlineData("http://[::1]/*", "http://[::1]:4000/cb")]
    [InlineData("http://127.0.0.1/callback/*", "http://127.0.0.1:8000/callback/done")]
    [InlineData("http://127.0.0.1:8080/*", "http://127.0.0.1:8080/anything")]
    [InlineData("http://127.0.0.1/cb", "http://127.0.0.1:9999/cb")]
    public void Loopback_pattern_accepts_any_ephemeral_port_and_a_path_under_its_prefix(string pattern, string requested)
    {
        Assert.True(KeycloakRedirectUriPattern.Matches(pattern, requested));
    }

    [Theory]
    [InlineData("http://127.0.0.1/*", "http://localhost:5000/cb")] // Host spelled differently.
    [InlineData("http://127.0.0.1/*", "https://127.0.0.1:5000/cb")] // Other scheme.
    [InlineData("http://127.0.0.1:8080/*", "http://127.0.0.1:8081/cb")] // Explicit port must match.
    [InlineData("http://127.0.0.1/callback/*", "http://127.0.0.1:5000/other")]
    [InlineData("http://127.0.0.1/callback/*", "http://127.0.0.1:5000/callbackevil")]
    [InlineData("http://127.0.0.1/cb", "http://127.0.0.1:5000/cb/more")] // No wildcard: exact path.
    public void Loopback_pattern_rejects_another_host_scheme_port_or_path(string pattern, string requested)
    {
        Assert.False(KeycloakRedirectUriPattern.Matches(pattern, requested));
    }

    [Theory]
    [InlineData("http://127.0.0.1.evil.example:5000/cb")]
    [InlineData("http://127.0.0.1@evil.example/cb")]
    [InlineData("http://user:secret@127.0.0.1:5000/cb")]
    [InlineData("http://127.0.0.1:5000/cb#fragment")]
    [InlineData("http://127.0.0.1:5000/callback/../admin")]
    [InlineData("/callback")]
    [InlineData("not a uri")]
    [InlineData("")]
    public void Hostile_or_malformed_redirect_uris_never_match(string requested)
    {
        Assert.False(KeycloakRedirectUriPattern.Matches("http://127.0.0.1/callback/*", requested));
    }

    [Theory]
    [InlineData("https://app.example.com/*")] // Not loopback: never expanded, OpenIddict compares exactly.
    [InlineData("http://127.0.0.1/*/cb")] // Only a trailing wildcard means something.
    [InlineData("http://127.0.0.1/*?x=1")]
    [InlineData("http://127.0.0.1:8080/cb")] // Exact URI with port: left to the exact comparison.
    [InlineData("custom-scheme://127.0.0.1/*")]
    public void Registered_uris_that_are_not_loopback_patterns_are_left_to_exact_comparison(string registered)
    {
        Assert.False(KeycloakRedirectUriPattern.IsLoopbackPattern(registered));
        Assert.False(KeycloakRedirectUriPattern.Matches(registered, registered.Replace("*", "cb", StringComparison.Ordinal)));
    }

    [Fact]
    public void Keycloak_style_loopback_wildcard_is_recognised_as_a_pattern()
    {
        Assert.True(KeycloakRedirectUriPattern.IsLoopbackPattern("http://127.0.0.1/*"));
        Assert.True(KeycloakRedirectUriPattern.IsLoopbackPattern("http://localhost/callback"));
    }
}
