using McpSecure.UnitTests.AppHost;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>
/// Keycloak cannot run here, so the realm it imports in Containers mode is checked for what it means: the public
/// client with PKCE enforced, the machine client, the scopes whose audience mapper puts the MCP resource in
/// <c>aud</c>, users and roles, brute-force protection, and the anonymous dynamic client registration policies.
/// McpSecure.Identity seeds itself from the same file (last test), so both realms agree by construction.
/// </summary>
public sealed class KeycloakRealmTests
{
    private static readonly string RealmFile = Path.Combine(RepositoryTools.Root, "McpSecure.AppHost", "Realm", "mcpsecure-realm.json");
    private static readonly string[] ResourceScopes = ["mcp:tools", "prometheus:read", "prometheus:admin"];
    private static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    private static JsonElement Realm { get; } = JsonDocument.Parse(File.ReadAllText(RealmFile)).RootElement;

    private static JsonElement Client(string clientId) =>
        Assert.Single(Realm.GetProperty("clients").EnumerateArray(), c => c.GetProperty("clientId").GetString() == clientId);

    private static JsonElement Scope(string name) =>
        Assert.Single(Realm.GetProperty("clientScopes").EnumerateArray(), s => s.GetProperty("name").GetString() == name);

    private static JsonElement User(string username) =>
        Assert.Single(Realm.GetProperty("users").EnumerateArray(), u => u.GetProperty("username").GetString() == username);

    private static string[] Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(item => item.GetString()!).ToArray() : [];

    private static IEnumerable<JsonElement> RegistrationPolicies(string subType) =>
        Realm.GetProperty("components").GetProperty("org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy")
            .EnumerateArray().Where(policy => policy.GetProperty("subType").GetString() == subType);

    private static JsonElement AnonymousPolicy(string providerId) =>
        Assert.Single(RegistrationPolicies("anonymous"), policy => policy.GetProperty("providerId").GetString() == providerId);

    [Fact]
    public void Public_client_enforces_PKCE_S256_and_allows_loopback_redirects_on_any_port()
    {
        var client = Client("mcp-client");

        Assert.True(client.GetProperty("publicClient").GetBoolean());
        Assert.True(client.GetProperty("enabled").GetBoolean());
        Assert.True(client.GetProperty("standardFlowEnabled").GetBoolean());
        Assert.False(client.GetProperty("implicitFlowEnabled").GetBoolean());
        Assert.False(client.GetProperty("directAccessGrantsEnabled").GetBoolean());
        Assert.False(client.GetProperty("consentRequired").GetBoolean());
        Assert.Equal("S256", client.GetProperty("attributes").GetProperty("pkce.code.challenge.method").GetString());
        foreach (var redirect in Strings(client, "redirectUris"))
        {
            // No port (any port, RFC 8252 §7.3), loopback host only, wildcard path.
            var uri = new Uri(redirect.TrimEnd('*'));
            Assert.Equal("http", uri.Scheme);
            Assert.True(uri.IsLoopback, redirect);
            Assert.True(uri.IsDefaultPort, redirect);
            Assert.EndsWith("/*", redirect);
        }
        Assert.Equal(LoopbackHosts.Order(), Strings(client, "redirectUris").Select(r => new Uri(r.TrimEnd('*')).Host).Order());
        Assert.Contains("mcp:tools", Strings(client, "defaultClientScopes"));
        Assert.Contains("offline_access", Strings(client, "optionalClientScopes"));
    }

    [Fact]
    public void Machine_client_is_confidential_with_a_clearly_marked_dev_only_secret_and_a_service_account()
    {
        var client = Client("mcp-machine");

        Assert.False(client.GetProperty("publicClient").GetBoolean());
        Assert.True(client.GetProperty("serviceAccountsEnabled").GetBoolean());
        Assert.False(client.GetProperty("standardFlowEnabled").GetBoolean());
        Assert.False(client.GetProperty("directAccessGrantsEnabled").GetBoolean());
        Assert.StartsWith("dev-only-", client.GetProperty("secret").GetString());
        Assert.Contains("DEVELOPMENT-ONLY", client.GetProperty("description").GetString());
        Assert.Contains("mcp:tools", Strings(client, "defaultClientScopes"));

        var serviceAccount = User("service-account-mcp-machine");
        Assert.Equal("mcp-machine", serviceAccount.GetProperty("serviceAccountClientId").GetString());
        Assert.Equal(["reader"], Strings(serviceAccount, "realmRoles"));
        Assert.False(serviceAccount.TryGetProperty("credentials", out _));
    }

    [Theory]
    [InlineData("mcp:tools")]
    [InlineData("prometheus:read")]
    [InlineData("prometheus:admin")]
    public void Resource_scopes_put_the_MCP_resource_in_the_access_token_audience(string name)
    {
        var scope = Scope(name);

        Assert.Equal("openid-connect", scope.GetProperty("protocol").GetString());
        Assert.Equal("true", scope.GetProperty("attributes").GetProperty("include.in.token.scope").GetString());
        Assert.False(string.IsNullOrWhiteSpace(scope.GetProperty("description").GetString()));
        var audience = Assert.Single(scope.GetProperty("protocolMappers").EnumerateArray(),
            mapper => mapper.GetProperty("protocolMapper").GetString() == "oidc-audience-mapper");
        var config = audience.GetProperty("config");
        // Keycloak replaces ${MCPSECURE_RESOURCE} at import with the environment variable the AppHost sets.
        Assert.Equal("${MCPSECURE_RESOURCE}", config.GetProperty("included.custom.audience").GetString());
        Assert.Equal("true", config.GetProperty("access.token.claim").GetString());
        Assert.Equal("false", config.GetProperty("id.token.claim").GetString());
    }

    [Fact]
    public void Every_scope_a_client_or_policy_names_exists_and_tokens_carry_sub_and_role()
    {
        var defined = Realm.GetProperty("clientScopes").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToHashSet();
        var referenced = Realm.GetProperty("clients").EnumerateArray()
            .SelectMany(c => Strings(c, "defaultClientScopes").Concat(Strings(c, "optionalClientScopes")))
            .Concat(Strings(Realm, "defaultDefaultClientScopes"))
            .Concat(Strings(Realm, "defaultOptionalClientScopes"))
            .Concat(Strings(AnonymousPolicy("allowed-client-templates").GetProperty("config"), "allowed-client-scopes"));

        Assert.All(referenced, name => Assert.Contains(name, defined));
        Assert.Contains(Scope("basic").GetProperty("protocolMappers").EnumerateArray(), m => m.GetProperty("protocolMapper").GetString() == "oidc-sub-mapper");
        var roles = Assert.Single(Scope("roles").GetProperty("protocolMappers").EnumerateArray());
        Assert.Equal("oidc-usermodel-realm-role-mapper", roles.GetProperty("protocolMapper").GetString());
        Assert.Equal("role", roles.GetProperty("config").GetProperty("claim.name").GetString());
        Assert.Equal("true", roles.GetProperty("config").GetProperty("access.token.claim").GetString());
    }

    [Fact]
    public void Dev_users_have_their_roles_and_repeated_failures_lock_out()
    {
        var roles = Realm.GetProperty("roles").GetProperty("realm").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.Equal(["admin", "reader"], roles.Order());
        Assert.Equal(["reader"], Strings(User("alice"), "realmRoles"));
        Assert.Equal(["admin", "reader"], Strings(User("bob"), "realmRoles").Order());
        foreach (var user in Realm.GetProperty("users").EnumerateArray())
        {
            Assert.All(Strings(user, "realmRoles"), role => Assert.Contains(role, roles));
        }
        var password = Assert.Single(User("alice").GetProperty("credentials").EnumerateArray());
        Assert.Equal("password", password.GetProperty("type").GetString());
        Assert.False(password.GetProperty("temporary").GetBoolean());

        // Same policy as McpSecure.Identity: 5 failures, then a minute's lockout.
        Assert.True(Realm.GetProperty("bruteForceProtected").GetBoolean());
        Assert.Equal(5, Realm.GetProperty("failureFactor").GetInt32());
        Assert.Equal(60, Realm.GetProperty("waitIncrementSeconds").GetInt32());
        // Refresh tokens rotate and may be used once, like McpSecure.Identity.
        Assert.True(Realm.GetProperty("revokeRefreshToken").GetBoolean());
        Assert.Equal(0, Realm.GetProperty("refreshTokenMaxReuse").GetInt32());
    }

    [Fact]
    public void Anonymous_dynamic_registration_is_open_to_loopback_clients_for_the_realm_scopes_with_consent()
    {
        var trustedHosts = AnonymousPolicy("trusted-hosts").GetProperty("config");
        Assert.Equal(LoopbackHosts.Order(), Strings(trustedHosts, "trusted-hosts").Order());
        Assert.Equal(["true"], Strings(trustedHosts, "client-uris-must-match"));
        // MCP clients register from wherever they run; their redirect URIs are what must be loopback.
        Assert.Equal(["false"], Strings(trustedHosts, "host-sending-registration-request-must-match"));

        var allowedScopes = Strings(AnonymousPolicy("allowed-client-templates").GetProperty("config"), "allowed-client-scopes");
        Assert.All(ResourceScopes, scope => Assert.Contains(scope, allowedScopes));

        // Like McpSecure.Identity: a registered client never gets silent consent.
        AnonymousPolicy("consent-required");
        Assert.True(int.Parse(Strings(AnonymousPolicy("max-clients").GetProperty("config"), "max-clients").Single()) > 0);
    }

    [Fact]
    public async Task Both_providers_read_this_realm_file()
    {
        var dataPath = Directory.CreateTempSubdirectory("mcpsecure-realm-").FullName;
        try
        {
            await using var embedded = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpSecure_AppHost>(
                ["--McpSecure:Mode=Embedded", $"--McpSecure:DataPath={dataPath}"]);
            var identity = Assert.Single(embedded.Resources.OfType<ProjectResource>(), r => r.Name == "identity");
            var environment = await AppModel.EnvironmentAsync(identity);
            Assert.Equal(Path.GetFullPath(RealmFile), Path.GetFullPath((string)environment["Identity__RealmFile"]));

            await using var containers = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpSecure_AppHost>(
                ["--McpSecure:Mode=Containers", $"--McpSecure:DataPath={dataPath}"]);
            var keycloak = Assert.Single(containers.Resources.OfType<ContainerResource>(), r => r.Name == "identity");
            var mount = Assert.Single(keycloak.Annotations.OfType<ContainerMountAnnotation>());
            Assert.Equal(Path.GetFullPath(Path.GetDirectoryName(RealmFile)!), Path.GetFullPath(mount.Source!));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
