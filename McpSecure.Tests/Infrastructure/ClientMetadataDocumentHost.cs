using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// Where MCP clients of the tests publish their Client ID Metadata Documents: a real HTTPS listener on 127.0.0.1 with a
/// fresh self-signed certificate, whose PEM the provider is told to trust (development settings
/// <c>Identity:ClientMetadataDocuments:AllowLoopback</c> and <c>TrustedDevelopmentCertificatePath</c>).
/// </summary>
public sealed class ClientMetadataDocumentHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> documents = new(StringComparer.Ordinal);

    private ClientMetadataDocumentHost(WebApplication app, string certificatePath)
    {
        this.app = app;
        CertificatePath = certificatePath;
    }

    public string CertificatePath { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Publishes <paramref name="document"/> (given its own URL) at a fresh path; returns that URL, the client id.</summary>
    public string Publish(Func<string, string> document)
    {
        var path = $"/clients/{Guid.NewGuid():N}/client.json";
        var url = new Uri(BaseUrl, path).AbsoluteUri;
        documents[path] = document(url);
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
    public void Replace(string clientId, string document) => documents[new Uri(clientId).AbsolutePath] = document;

    public static async Task<ClientMetadataDocumentHost> StartAsync(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(6));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        var certificatePath = Path.Combine(folder, "client-documents.pem");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var host = new ClientMetadataDocumentHost(app, certificatePath);
        app.Run(async context =>
        {
            if (host.documents.TryGetValue(context.Request.Path.Value ?? "", out var document))
            {
                context.Response.ContentType = "application/json";
                context.Response.Headers.CacheControl = "no-store"; // the tests change documents and expect the change to count
                await context.Response.WriteAsync(document);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        host.BaseUrl = new Uri(app.Urls.Single());
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
