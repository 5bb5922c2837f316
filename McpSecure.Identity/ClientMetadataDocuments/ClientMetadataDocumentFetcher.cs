using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using McpSecure.Identity.ClientRegistration;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// Fetches one client metadata document, safely: https only; the host's addresses are resolved and checked at connect
/// time (<see cref="NetworkAddressClassifier"/>), and the socket connects to the checked address itself, so a DNS answer
/// that changes between check and use (rebinding) cannot reach a private address; no proxy (it would connect for us);
/// no redirects; the whole fetch within <see cref="ClientMetadataDocumentOptions.FetchTimeout"/>; at most
/// <see cref="ClientMetadataDocumentOptions.MaxDocumentBytes"/>; 200 with a JSON object only.
/// </summary>
internal sealed partial class ClientMetadataDocumentFetcher : IDisposable
{
    private readonly HttpClient http;
    private readonly ClientMetadataDocumentOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ClientMetadataDocumentFetcher> logger;

    public ClientMetadataDocumentFetcher(IOptions<ClientMetadataDocumentOptions> options, TimeProvider time,
        ILogger<ClientMetadataDocumentFetcher> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = this.options.FetchTimeout,
            MaxResponseHeadersLength = 16,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectToPublicAddressAsync,
        };
        if (this.options.AllowLoopback && this.options.TrustedDevelopmentCertificatePath is { Length: > 0 } path)
        {
            var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || IsIssuedBy(trusted, certificate, errors);
        }
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<FetchedClientMetadataDocument> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ClientMetadataDocumentException($"The client metadata document '{url}' must be fetched over https.");
        }

        using var deadline = new CancellationTokenSource(options.FetchTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var document = await ReadDocumentAsync(url, response, linked.Token);
            var cacheFor = CacheLifetime(response);
            LogFetched(logger, url, (int)response.StatusCode, cacheFor);
            return new FetchedClientMetadataDocument(document, cacheFor);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Refused(url, $"it did not arrive within {options.FetchTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception) when (FindRefusal(exception) is { } refusal)
        {
            throw Refused(url, refusal.Message, refusal);
        }
        catch (HttpRequestException exception)
        {
            throw Refused(url, $"the request failed ({exception.HttpRequestError}: {exception.Message})", exception);
        }
    }

    private async Task<JsonElement> ReadDocumentAsync(Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            throw Refused(url, $"the server answered {status} (a redirect{(response.Headers.Location is { } location ? " to " + location : "")}); redirects are not followed");
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Refused(url, $"the server answered {status}, not 200");
        }
        if (response.Content.Headers.ContentType?.MediaType is not { } mediaType ||
            !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            throw Refused(url, $"its Content-Type is '{response.Content.Headers.ContentType?.ToString() ?? "(none)"}', not application/json");
        }
        if (response.Content.Headers.ContentLength > options.MaxDocumentBytes)
        {
            throw Refused(url, TooLarge());
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var (document, problem) = await ClientMetadataJson.ReadAsync(body, options.MaxDocumentBytes, cancellationToken);
        return problem switch
        {
            ClientMetadataJsonProblem.TooLarge => throw Refused(url, TooLarge()),
            ClientMetadataJsonProblem.NotUtf8 => throw Refused(url, "it is not UTF-8 encoded JSON"),
            ClientMetadataJsonProblem.NotJson => throw Refused(url, "it is not valid JSON"),
            _ when document.ValueKind != JsonValueKind.Object => throw Refused(url, "it is not a JSON object"),
            _ => document,
        };
    }

    private string TooLarge() => $"it is larger than {options.MaxDocumentBytes} bytes";

    /// <summary>How long the response may be reused, from <c>Cache-Control</c> (or <c>Expires</c>), clamped to the configured maximum.</summary>
    private TimeSpan CacheLifetime(HttpResponseMessage response)
    {
        var cacheControl = response.Headers.CacheControl;
        TimeSpan lifetime;
        if (cacheControl is { NoStore: true } or { NoCache: true } or { Private: true })
        {
            lifetime = TimeSpan.Zero;
        }
        else if (cacheControl?.MaxAge is { } maxAge)
        {
            lifetime = maxAge;
        }
        else if (response.Content.Headers.Expires is { } expires)
        {
            var now = response.Headers.Date ?? time.GetUtcNow();
            lifetime = expires - now;
        }
        else
        {
            lifetime = options.DefaultCacheDuration;
        }
        return lifetime < TimeSpan.Zero ? TimeSpan.Zero : lifetime > options.MaxCacheDuration ? options.MaxCacheDuration : lifetime;
    }

    private async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new ClientMetadataDocumentException($"the host '{host}' has no address");
        }

        // Every address must be allowed: a host that mixes public and internal addresses is refused as a whole.
        if (addresses.FirstOrDefault(address => !NetworkAddressClassifier.MayFetchFrom(address, options.AllowLoopback)) is { } refused)
        {
            var kind = NetworkAddressClassifier.Classify(refused);
            var hint = kind == NetworkAddressKind.Loopback ? $" (development only: {ClientMetadataDocumentOptions.SectionName}:AllowLoopback)" : "";
            throw new ClientMetadataDocumentException(
                $"the host '{host}' resolves to {refused}, {NetworkAddressClassifier.Describe(kind)}; documents are fetched only from public addresses{hint}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            if (socket.RemoteEndPoint is not IPEndPoint connected || !NetworkAddressClassifier.MayFetchFrom(connected.Address, options.AllowLoopback))
            {
                throw new ClientMetadataDocumentException($"the connection to '{host}' reached an address that is not allowed");
            }
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsIssuedBy(X509Certificate2 trusted, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false; // A name mismatch or a missing certificate is never excused.
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }

    private static ClientMetadataDocumentException? FindRefusal(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is ClientMetadataDocumentException refusal)
            {
                return refusal;
            }
        }
        return null;
    }

    private static ClientMetadataDocumentException Refused(Uri url, string reason, Exception? inner = null) =>
        new($"The client metadata document '{url}' cannot be used: {reason}.", inner);

    public void Dispose() => http.Dispose();

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "Fetched the client metadata document {Url} ({Status}), cached for {CacheFor}")]
    private static partial void LogFetched(ILogger logger, Uri url, int status, TimeSpan cacheFor);
}
