using System.Text;
using McpSecure.Identity.Authorization;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.Identity;

public sealed class RealmFileReaderTests
{
    [Fact]
    public void A_realm_export_with_comments_trailing_commas_and_unknown_members_is_read()
    {
        var realm = TestRealms.Parse();

        Assert.Equal("unit", realm.Realm);
        Assert.Equal(["mcp-client", "machine"], realm.Clients.Select(client => client.ClientId));
        Assert.True(realm.Clients[0].PublicClient);
        Assert.Equal(["http://127.0.0.1/*"], realm.Clients[0].RedirectUris);
        Assert.True(realm.Clients[1].Enabled); // Keycloak's default when the export omits it.
        Assert.Equal(["mcp:tools"], realm.Clients[1].DefaultClientScopes);

        var alice = realm.Users[0];
        Assert.Equal("pw", Assert.Single(alice.Credentials, c => c.Type == KeycloakCredential.PasswordType).Value);
        Assert.Equal("machine", realm.Users[1].ServiceAccountClientId);
    }

    [Fact]
    public void Only_an_audience_mapper_that_writes_into_access_tokens_adds_the_resources()
    {
        var scopes = TestRealms.Parse().ClientScopes;

        Assert.True(scopes.Single(scope => scope.Name == TestRealms.McpToolsScope).AddsAudience);
        Assert.False(scopes.Single(scope => scope.Name == "profile").AddsAudience);
    }

    [Fact]
    public void Offered_scopes_are_the_standard_ones_then_the_named_realm_scopes_once_each()
    {
        var offered = StandardScopes.WithRealmScopes(TestRealms.Parse());

        Assert.Equal(StandardScopes.Names.Append(TestRealms.McpToolsScope), offered);
    }

    [Theory]
    [InlineData("{ \"realm\": ")]
    [InlineData("{ \"clients\": 5 }")]
    public void A_file_that_is_not_a_realm_export_fails_naming_the_file_and_the_configuration_key(string json)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestRealms.Parse(json));

        Assert.Contains("unit-realm.json", error.Message);
        Assert.Contains("Identity:RealmFile", error.Message);
    }

    [Fact]
    public void The_configured_realm_file_is_read_once_on_first_use()
    {
        var path = Path.Combine(Path.GetTempPath(), $"realm-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, TestRealms.Json, Encoding.UTF8);
        try
        {
            var reader = new RealmFileReader(Options.Create(new IdentityProviderOptions { RealmFile = path }));
            var first = reader.Realm;
            File.WriteAllText(path, "{ \"realm\": \"changed\" }");

            Assert.Equal("unit", first.Realm);
            Assert.Same(first, reader.Realm);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
