using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.Clients;

/// <summary>
/// The C# MCP SDK client (ModelContextProtocol 2.4.0) with its own OAuth support (HttpClientTransportOptions.OAuth):
/// it reads the gateway's challenges and metadata, runs the authorization code flow (the user's part in Chromium),
/// steps up on 403 insufficient_scope, refreshes an expired token, and, given only the URL, registers itself.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class CSharpSdkClientTests(EmbeddedAppFixture fixture)
{
    [Fact]
    public async Task Csharp_sdk_steps_up_from_a_token_without_mcp_tools_to_one_with_it()
    {
        // A real token for the gateway's resource, but without the scope the gateway requires.
        var narrow = await fixture.LoginAsync("alice", "alice-dev-password", scopes: "openid profile");
        Assert.DoesNotContain("mcp:tools", new JsonWebToken(narrow.AccessToken).GetClaim("scope").Value.Split(' '));
        var cache = new InspectableTokenCache();
        cache.Seed(new TokenContainer
        {
            TokenType = "Bearer",
            AccessToken = narrow.AccessToken,
            ExpiresIn = narrow.ExpiresIn,
            Scope = narrow.Scope,
            ObtainedAt = DateTimeOffset.UtcNow,
            ClientId = AuthorizationRequest.PublicClientId,
        });
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var session = new OAuthSession(fixture, chromium, "alice", "alice-dev-password");

        await using var client = await session.ConnectAsync(cache, clientId: AuthorizationRequest.PublicClientId);
        await McpAssert.ServesRealDataAsync(client);

        // The gateway refused the narrow token with 403 insufficient_scope naming mcp:tools (and prometheus:read, which the query tools need) ...
        var refused = Assert.Single(session.Http.Exchanges, e => e.Status == HttpStatusCode.Forbidden);
        Assert.Equal(fixture.McpUrl, refused.Url);
        Assert.Contains("error=\"insufficient_scope\"", refused.Challenge);
        Assert.Contains("scope=\"mcp:tools prometheus:read\"", refused.Challenge);
        // ... so the client asked the user for the larger scope once and got a token that has it.
        var authorization = Assert.Single(session.Authorizations);
        Assert.Contains("mcp:tools", QueryString.Parse(authorization.Query)["scope"].Split(' '));
        Assert.Contains("mcp:tools", new JsonWebToken(cache.Current!.AccessToken).GetClaim("scope").Value.Split(' '));
    }

    [Fact]
    public async Task Csharp_sdk_refreshes_an_expired_token_without_a_new_login()
    {
        var cache = new InspectableTokenCache();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var session = new OAuthSession(fixture, chromium, "bob", "bob-dev-password");

        await using var client = await session.ConnectAsync(cache, clientId: AuthorizationRequest.PublicClientId);
        await McpAssert.ServesRealDataAsync(client);
        Assert.Single(session.Authorizations);

        await ExpireCachedAccessTokenAsync(cache);
        await McpAssert.ServesRealDataAsync(client);

        Assert.Single(session.Authorizations); // nobody was asked to log in again
        Assert.Contains(session.Http.Exchanges, e => e.GrantType == "refresh_token" && e.Status == HttpStatusCode.OK);
        Assert.Equal("bob", new JsonWebToken(cache.Current!.AccessToken).GetClaim("preferred_username").Value);
    }

    [Fact]
    public async Task Csharp_sdk_given_only_the_url_discovers_registers_logs_in_calls_a_tool_and_refreshes()
    {
        var cache = new InspectableTokenCache();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var session = new OAuthSession(fixture, chromium, "alice", "alice-dev-password");

        await using var client = await session.ConnectAsync(cache, clientId: null);
        await McpAssert.ServesRealDataAsync(client);

        // Discovery from the challenge, then RFC 7591 registration at the provider: a client id of its own.
        Assert.Contains(session.Http.Exchanges, e => e.Url.AbsolutePath.EndsWith("/.well-known/oauth-protected-resource/mcp", StringComparison.Ordinal));
        Assert.Contains(session.Http.Exchanges, e => e.Method == HttpMethod.Post && e.Status == HttpStatusCode.Created);
        var clientId = QueryString.Parse(Assert.Single(session.Authorizations).Query)["client_id"];
        Assert.NotEqual(AuthorizationRequest.PublicClientId, clientId);

        await ExpireCachedAccessTokenAsync(cache);
        await McpAssert.ServesRealDataAsync(client);
        Assert.Single(session.Authorizations);
        Assert.Contains(session.Http.Exchanges, e => e.GrantType == "refresh_token" && e.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Csharp_sdk_with_a_client_metadata_document_uri_consents_calls_a_tool_and_its_token_names_that_uri()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = fixture.ClientDocuments.Publish(url => ClientMetadataDocumentHost.NativeClientDocument(url, "McpSecure tests (C# MCP SDK, CIMD)", redirectUri));
        var cache = new InspectableTokenCache();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var session = new OAuthSession(fixture, chromium, "alice", "alice-dev-password");

        await using var client = await session.ConnectAsync(cache, clientId: null, clientMetadataDocument: new Uri(clientId), redirectUri: new Uri(redirectUri));
        await McpAssert.ServesRealDataAsync(client);

        // The document URL is the client id: no registration, our consent page, and the token says so.
        Assert.DoesNotContain(session.Http.Exchanges, e => e.Method == HttpMethod.Post && e.Url.AbsolutePath.EndsWith("/register", StringComparison.Ordinal));
        Assert.Equal(clientId, QueryString.Parse(Assert.Single(session.Authorizations).Query)["client_id"]);
        Assert.Equal(["login", "consent"], Assert.Single(session.PagesSeen));
        Assert.Equal(clientId, new JsonWebToken(cache.Current!.AccessToken).GetClaim("client_id").Value);
    }

    /// <summary>Replaces the cached access token by a genuinely expired one (provider's key, exp in the past).</summary>
    private async Task ExpireCachedAccessTokenAsync(InspectableTokenCache cache)
    {
        var current = cache.Current ?? throw new InvalidOperationException("Nothing cached: the client never stored a token.");
        Assert.False(string.IsNullOrEmpty(current.RefreshToken), "The provider issued no refresh token (offline_access).");
        var expired = fixture.Forge.CreateExpired();
        await cache.StoreTokensAsync(new TokenContainer
        {
            TokenType = current.TokenType,
            AccessToken = expired,
            RefreshToken = current.RefreshToken,
            ExpiresIn = 3600,
            Scope = current.Scope,
            ObtainedAt = DateTimeOffset.UtcNow.AddHours(-2),
            ClientId = current.ClientId,
            ClientSecret = current.ClientSecret,
            TokenEndpointAuthMethod = current.TokenEndpointAuthMethod,
            AuthorizationServer = current.AuthorizationServer,
        }, CancellationToken.None);
    }

    /// <summary>One client connection: its HTTP traffic recorded, its logins done by a person in Chromium.</summary>
    private sealed class OAuthSession(EmbeddedAppFixture fixture, HeadlessChromium chromium, string username, string password)
    {
        private readonly List<Uri> _authorizations = [];

        public RecordingHandler Http { get; } = new();

        public IReadOnlyList<Uri> Authorizations => _authorizations;

        /// <summary>For each login, the provider's pages the user saw (login, consent).</summary>
        public List<IReadOnlyList<string>> PagesSeen { get; } = [];

        public async Task<McpClient> ConnectAsync(ITokenCache cache, string? clientId, Uri? clientMetadataDocument = null, Uri? redirectUri = null)
        {
            redirectUri ??= new Uri(Loopback.RedirectUri());
            var transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = fixture.McpUrl,
                TransportMode = HttpTransportMode.StreamableHttp,
                OAuth = new ClientOAuthOptions
                {
                    ClientId = clientId,
                    ClientMetadataDocumentUri = clientMetadataDocument,
                    RedirectUri = redirectUri,
                    TokenCache = cache,
                    DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "McpSecure tests (C# MCP SDK)" },
                    AuthorizationCallbackHandler = async (context, cancellationToken) =>
                    {
                        _authorizations.Add(context.AuthorizationUri);
                        var outcome = await ChromiumAuthorization.CompleteAsync(chromium, context.AuthorizationUri, context.RedirectUri, username, password, cancellationToken);
                        PagesSeen.Add(outcome.PagesSeen);
                        var parameters = outcome.Parameters;
                        return new AuthorizationResult
                        {
                            Code = parameters.GetValueOrDefault("code"),
                            State = parameters.GetValueOrDefault("state"),
                            Iss = parameters.GetValueOrDefault("iss"),
                        };
                    },
                },
            }, new HttpClient(Http), ownsHttpClient: true);
            return await McpClient.CreateAsync(transport);
        }
    }
}
