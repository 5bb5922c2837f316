using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Discovery;

/// <summary>
/// Fetches and caches the provider's discovery document. A fresh copy is kept for <see cref="FreshFor"/>; when the
/// provider cannot be reached, a copy up to <see cref="StaleFor"/> old is served rather than an error.
/// </summary>
internal sealed partial class AuthorizationServerMetadataCache(IHttpClientFactory httpClients, IOptions<GatewayOptions> options, TimeProvider time,
    ILogger<AuthorizationServerMetadataCache> logger)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan StaleFor = TimeSpan.FromHours(24);
    public const string HttpClientName = "authorization-server";

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (JsonObject Document, DateTimeOffset FetchedAt)? _cached;

    public async Task<AuthorizationServerMetadataResult> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && time.GetUtcNow() - hit.FetchedAt < FreshFor)
        {
            return new(hit.Document, null);
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } raced && time.GetUtcNow() - raced.FetchedAt < FreshFor)
            {
                return new(raced.Document, null);
            }
            var document = await FetchAsync(cancellationToken);
            _cached = (document, time.GetUtcNow());
            return new(document, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or InvalidDataException)
        {
            var problem = ex is TaskCanceledException ? "no answer in time" : ex.Message;
            LogMetadataUnavailable(logger, problem);
            return _cached is { } stale && time.GetUtcNow() - stale.FetchedAt < StaleFor
                ? new(stale.Document, null)
                : new(null, problem);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<JsonObject> FetchAsync(CancellationToken cancellationToken)
    {
        var gateway = options.Value;
        var address = gateway.AuthorizationServer.DiscoveryDocumentUri;
        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.GetAsync(address, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{address} answered HTTP {(int)response.StatusCode}.");
        }

        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject
            ?? throw new InvalidDataException($"{address} did not return a JSON object.");
        var issuer = document["issuer"]?.GetValue<string>();
        if (issuer is null || !gateway.AuthorizationServer.IsIssuer(issuer))
        {
            // A document for another issuer would send clients to the wrong place (RFC 8414 §3.3).
            throw new InvalidDataException($"{address} names issuer '{issuer}', expected '{gateway.AuthorizationServer.Issuer}'.");
        }

        return document;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authorization server metadata unavailable: {Problem}")]
    private static partial void LogMetadataUnavailable(ILogger logger, string problem);
}
