using McpSecure.UnitTests.Identity.ClientMetadataDocuments;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// Where MCP clients of the tests publish their Client ID Metadata Documents: the unit layer's HTTPS document server
/// (<see cref="MetadataDocumentServer"/>, linked) on 127.0.0.1 with a fresh self-signed certificate, whose PEM the
/// provider is told to trust (development settings <c>Identity:ClientMetadataDocuments:AllowLoopback</c> and
/// <c>TrustedDevelopmentCertificatePath</c>). Documents are served with <c>Cache-Control: no-store</c>: the tests change
/// them and expect the change to count.
/// </summary>
public sealed class ClientMetadataDocumentHost : IAsyncDisposable
{
    private readonly MetadataDocumentServer server;

    private ClientMetadataDocumentHost(MetadataDocumentServer server) => this.server = server;

    public string CertificatePath => server.CertificatePath;

    public Uri BaseUrl => server.BaseUrl;

    /// <summary>Publishes <paramref name="document"/> (given its own URL) at a fresh path; returns that URL, the client id.</summary>
    public string Publish(Func<string, string> document)
    {
        var path = $"/clients/{Guid.NewGuid():N}/client.json";
        var url = server.Url(path).AbsoluteUri;
        server.ServeJson(path, document(url), "no-store");
        return url;
    }

    /// <summary>The metadata document of a native public client (no secret) that signs in at <paramref name="redirectUri"/>.</summary>
    public static string NativeClientDocument(string clientId, string clientName, string redirectUri) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["client_id"] = clientId,
            ["client_name"] = clientName,
            ["redirect_uris"] = new[] { redirectUri },
            ["grant_types"] = new[] { "authorization_code", "refresh_token" },
            ["response_types"] = new[] { "code" },
            ["token_endpoint_auth_method"] = "none",
        });

    /// <summary>Replaces the document at <paramref name="clientId"/> (a client that changes its redirect URIs).</summary>
    public void Replace(string clientId, string document) => server.ServeJson(new Uri(clientId).AbsolutePath, document, "no-store");

    public static async Task<ClientMetadataDocumentHost> StartAsync(string folder) =>
        new(await MetadataDocumentServer.StartAsync(folder));

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
