using McpSecure.Identity.Authorization;
using McpSecure.Identity.Realm;
using McpSecure.UnitTests.AppHost;

namespace McpSecure.UnitTests.Identity;

/// <summary>The realm's scopeMappings: which users may be granted the role-bound scopes.</summary>
public sealed class ScopeRoleRequirementsTests
{
    private static KeycloakRealm Shipped()
    {
        using var stream = File.OpenRead(RealmDevAccountsTests.RepositoryRealmFile);
        return RealmFileReader.Read(stream, "mcpsecure-realm.json");
    }

    private static string[] RolesOf(KeycloakRealm realm, string username) => [.. realm.Users.Single(user => user.Username == username).RealmRoles];

    [Fact]
    public void In_the_shipped_realm_bob_may_have_prometheus_admin_and_alice_only_prometheus_read()
    {
        var realm = Shipped();
        string[] admin = ["openid", "mcp:tools", "prometheus:read", "prometheus:admin"];

        Assert.Null(ScopeRoleRequirements.Refusal(realm, admin, RolesOf(realm, "bob"), "bob"));
        Assert.Null(ScopeRoleRequirements.Refusal(realm, ["openid", "mcp:tools", "prometheus:read"], RolesOf(realm, "alice"), "alice"));
        Assert.Equal("The user 'alice' may not be granted every requested scope: the scope prometheus:admin requires the role admin. " +
                     "Ask for fewer scopes, or ask an administrator for the role.",
            ScopeRoleRequirements.Refusal(realm, admin, RolesOf(realm, "alice"), "alice"));
    }

    [Fact]
    public void The_machine_client_keeps_its_default_scopes_and_is_refused_the_admin_scope()
    {
        var realm = Shipped();
        var roles = realm.Users.Where(user => user.ServiceAccountClientId == "mcp-machine").SelectMany(user => user.RealmRoles).ToArray();

        Assert.Null(ScopeRoleRequirements.Refusal(realm, realm.Clients.Single(c => c.ClientId == "mcp-machine").DefaultClientScopes, roles, "mcp-machine"));
        Assert.Contains("the scope prometheus:admin requires the role admin",
            ScopeRoleRequirements.Refusal(realm, ["mcp:tools", "prometheus:admin"], roles, "mcp-machine"));
    }

    [Fact]
    public void A_user_without_roles_is_refused_every_role_bound_scope_and_unbound_scopes_are_free()
    {
        var realm = Shipped();

        var refusal = ScopeRoleRequirements.Refusal(realm, ["mcp:tools", "prometheus:read", "prometheus:admin"], [], null);

        Assert.StartsWith("The user may not be granted every requested scope: the scope prometheus:admin requires the role admin; " +
                          "the scope prometheus:read requires the role reader or admin.", refusal);
        Assert.Null(ScopeRoleRequirements.Refusal(realm, ["openid", "mcp:tools", "offline_access"], [], null));
    }
}
