using McpSecure.Identity.Realm;

namespace McpSecure.UnitTests.Identity;

/// <summary>Small realms for the Identity unit tests, parsed by the provider's own reader.</summary>
internal static class TestRealms
{
    public const string McpToolsScope = "mcp:tools";

    public const string Json = """
        {
          // Comments and trailing commas are allowed, as in the AppHost's realm file.
          "realm": "unit",
          "displayName": "Unit realm",
          "unknownMember": { "ignored": true },
          "clientScopes": [
            {
              "name": "mcp:tools",
              "description": "Use the MCP tools",
              "protocolMappers": [
                { "name": "aud", "protocolMapper": "oidc-audience-mapper", "config": { "access.token.claim": "true" } }
              ]
            },
            {
              "name": "profile",
              "protocolMappers": [
                { "name": "aud", "protocolMapper": "oidc-audience-mapper", "config": { "access.token.claim": "false" } }
              ]
            },
            { "name": "  " },
          ],
          "clients": [
            { "clientId": "mcp-client", "publicClient": true, "redirectUris": ["http://127.0.0.1/*"] },
            { "clientId": "machine", "secret": "s", "serviceAccountsEnabled": true, "defaultClientScopes": ["mcp:tools"] }
          ],
          "users": [
            { "username": "alice", "enabled": true, "realmRoles": ["mcp-user"], "credentials": [{ "type": "password", "value": "pw" }] },
            { "username": "service-account-machine", "serviceAccountClientId": "machine", "realmRoles": ["mcp-admin"] }
          ],
        }
        """;

    public static KeycloakRealm Parse(string json = Json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return RealmFileReader.Read(stream, "unit-realm.json");
    }
}
