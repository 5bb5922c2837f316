using McpSecure.Identity.ClientMetadataDocuments;
using McpSecure.Identity.ClientRegistration;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.Identity.ClientMetadataDocuments;

/// <summary>The resolver over the real fetcher and a real HTTPS listener: the document's rules, and the cache.</summary>
public sealed class ClientMetadataDocumentResolverTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private MetadataDocumentServer server = null!;
    private ClientMetadataDocumentFetcher fetcher = null!;
    private ClientMetadataDocumentResolver resolver = null!;
    private ClientMetadataDocumentOptions options = null!;

    public async Task InitializeAsync()
    {
        server = await MetadataDocumentServer.StartAsync();
        options = new ClientMetadataDocumentOptions { AllowLoopback = true, TrustedDevelopmentCertificatePath = server.CertificatePath, MaxCacheEntries = 2 };
        // The fetch deadline runs on real time; the cache on the fake clock.
        fetcher = new ClientMetadataDocumentFetcher(Options.Create(options), TimeProvider.System, NullLogger<ClientMetadataDocumentFetcher>.Instance);
        var validator = new ClientMetadataValidator(Options.Create(new ClientRegistrationOptions()), new RealmFileReader(TestRealms.Parse()));
        resolver = new ClientMetadataDocumentResolver(fetcher, new ClientMetadataDocumentCache(Options.Create(options), time), validator);
    }

    public async Task DisposeAsync()
    {
        fetcher.Dispose();
        await server.DisposeAsync();
    }

    private string Serve(string path, Func<string, string> document, string? cacheControl = null)
    {
        var clientId = server.Url(path).AbsoluteUri;
        server.ServeJson(path, document(clientId), cacheControl);
        return clientId;
    }

    private static string Valid(string clientId) =>
        $$"""{"client_id":"{{clientId}}","client_name":"Test CIMD client","redirect_uris":["http://127.0.0.1:3000/callback"],"token_endpoint_auth_method":"none"}""";

    [Fact]
    public async Task A_valid_document_gives_its_redirect_uris_and_name()
    {
        var clientId = Serve("/client.json", Valid);

        var metadata = await resolver.ResolveAsync(clientId, CancellationToken.None);

        Assert.Equal("Test CIMD client", metadata.ClientName);
        Assert.Equal(["http://127.0.0.1:3000/callback"], metadata.RedirectUris.Select(uri => uri.OriginalString));
    }

    [Fact]
    public async Task A_document_whose_client_id_differs_from_its_url_is_refused()
    {
        var clientId = Serve("/client.json", _ => Valid("https://attacker.example/client.json"));

        var exception = await Assert.ThrowsAsync<ClientMetadataDocumentException>(() => resolver.ResolveAsync(clientId, CancellationToken.None));

        Assert.Contains("names a different client_id ('https://attacker.example/client.json')", exception.Message);
    }

    [Theory]
    [InlineData("""{"client_id":"ID","redirect_uris":["https://app.example/cb"],"token_endpoint_auth_method":"client_secret_basic"}""", "must declare 'token_endpoint_auth_method' 'none'")]
    [InlineData("""{"client_id":"ID","redirect_uris":["https://app.example/cb"],"client_secret":"s"}""", "must not contain a client secret")]
    [InlineData("""{"client_id":"ID","redirect_uris":["http://app.example/cb"]}""", "redirect URIs must use https")]
    [InlineData("""{"client_id":"ID"}""", "'redirect_uris' is required")]
    [InlineData("""{"redirect_uris":["https://app.example/cb"]}""", "has no 'client_id' string")]
    public async Task Documents_that_break_the_rules_are_refused_naming_the_rule(string template, string reason)
    {
        var clientId = Serve("/client.json", id => template.Replace("ID", id, StringComparison.Ordinal));

        var exception = await Assert.ThrowsAsync<ClientMetadataDocumentException>(() => resolver.ResolveAsync(clientId, CancellationToken.None));

        Assert.Contains(reason, exception.Message);
    }

    [Fact]
    public async Task A_cached_document_is_not_fetched_again_until_its_max_age_has_passed()
    {
        var clientId = Serve("/client.json", Valid, "max-age=60");

        await resolver.ResolveAsync(clientId, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        await resolver.ResolveAsync(clientId, CancellationToken.None);
        Assert.Equal(1, server.Requests);

        time.Advance(TimeSpan.FromSeconds(2));
        await resolver.ResolveAsync(clientId, CancellationToken.None);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_no_store_document_is_fetched_every_time()
    {
        var clientId = Serve("/client.json", Valid, "no-store");

        await resolver.ResolveAsync(clientId, CancellationToken.None);
        await resolver.ResolveAsync(clientId, CancellationToken.None);

        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public void The_cache_holds_at_most_its_configured_number_of_entries()
    {
        var cache = new ClientMetadataDocumentCache(Options.Create(options), time);
        var metadata = new ClientMetadata([new Uri("https://app.example/cb")], null, [], []);

        cache.Set("https://a.example/1", metadata, TimeSpan.FromMinutes(1));
        cache.Set("https://a.example/2", metadata, TimeSpan.FromMinutes(10));
        cache.Set("https://a.example/3", metadata, TimeSpan.FromMinutes(5));

        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("https://a.example/1", out _)); // the soonest to expire made room
        Assert.True(cache.TryGet("https://a.example/2", out _));
        Assert.True(cache.TryGet("https://a.example/3", out _));
    }
}
