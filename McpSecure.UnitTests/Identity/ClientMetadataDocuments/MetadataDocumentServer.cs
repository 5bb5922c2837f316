using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpSecure.UnitTests.Identity.ClientMetadataDocuments;

/// <summary>
/// A real HTTPS listener on 127.0.0.1 (Kestrel, a fresh self-signed certificate for 127.0.0.1 and localhost) serving
/// client metadata documents from handlers by path, counting the requests it answers. The unit layer's CIMD fetcher
/// tests and the end-to-end layer's <c>ClientMetadataDocumentHost</c> (which links this file) both use it.
/// </summary>
internal sealed class MetadataDocumentServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, RequestDelegate> handlers = new(StringComparer.Ordinal);
    private int requests;

    private MetadataDocumentServer(WebApplication app, string certificatePath)
    {
        this.app = app;
        CertificatePath = certificatePath;
    }

    /// <summary>The PEM of the server's certificate, for <c>TrustedDevelopmentCertificatePath</c>.</summary>
    public string CertificatePath { get; }

    public int Requests => Volatile.Read(ref requests);

    public Uri BaseUrl { get; private set; } = null!;

    public Uri Url(string path) => new(BaseUrl, path);

    public void Serve(string path, RequestDelegate handler) => handlers[path] = handler;

    /// <summary>Serves <paramref name="json"/> at <paramref name="path"/> as application/json with the given Cache-Control.</summary>
    public void ServeJson(string path, string json, string? cacheControl = null) => Serve(path, async context =>
    {
        context.Response.ContentType = "application/json";
        if (cacheControl is not null)
        {
            context.Response.Headers.CacheControl = cacheControl;
        }
        await context.Response.WriteAsync(json);
    });

    /// <summary>Starts the server; its certificate's PEM goes into <paramref name="certificateFolder"/> (default: the temp folder).</summary>
    public static async Task<MetadataDocumentServer> StartAsync(string? certificateFolder = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(6));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        var certificatePath = Path.Combine(certificateFolder ?? Path.GetTempPath(), $"mcpsecure-cimd-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new MetadataDocumentServer(app, certificatePath);
        app.Run(async context =>
        {
            Interlocked.Increment(ref server.requests);
            if (server.handlers.TryGetValue(context.Request.Path.Value ?? "", out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        File.Delete(CertificatePath);
    }
}
