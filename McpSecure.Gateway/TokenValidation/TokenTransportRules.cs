using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// How a token may arrive: only in one <c>Authorization: Bearer</c> header (RFC 6750 §2.1). A token in the
/// query string leaks into logs and history; two Authorization headers are ambiguous; an oversized header is
/// abuse. These are refused with <c>400 invalid_request</c> before any validation. A JWT whose header names an
/// algorithm outside the allow-list is refused before any key is tried.
/// </summary>
internal static class TokenTransportRules
{
    /// <summary>Far above any real access token, far below Kestrel's 32 KB header limit.</summary>
    public const int MaxAuthorizationHeaderLength = 16 * 1024;

    private const string BearerPrefix = "Bearer ";

    /// <summary>The JWT scheme's <see cref="JwtBearerEvents.OnMessageReceived"/>: the transport rules, then the algorithm pre-check.</summary>
    public static Task RejectUnsafeTokenTransport(MessageReceivedContext context)
    {
        if (Check(context.Request) is { } problem)
        {
            context.Fail(problem);
        }
        else if (BearerToken(context.Request.Headers.Authorization.ToString()) is { } token && JwtAlgorithm(token) is { } algorithm &&
                 !AllowedSigningAlgorithms.IsAllowed(algorithm))
        {
            context.Fail(new SecurityTokenInvalidAlgorithmException($"algorithm {algorithm}") { InvalidAlgorithm = algorithm });
        }
        return Task.CompletedTask;
    }

    /// <summary>What is wrong with the way this request carries its token, or null.</summary>
    public static InvalidTokenRequestException? Check(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (request.Query.ContainsKey("access_token"))
        {
            return new InvalidTokenRequestException(
                "Access tokens in the query string are not accepted (RFC 6750 section 2.3): send an 'Authorization: Bearer' header.");
        }
        // Proxies and clients may fold repeated headers into one comma-separated line; a token never contains a comma.
        if (authorization.Count > 1 || authorization.ToString().Contains(','))
        {
            return new InvalidTokenRequestException("The request has more than one Authorization header: send exactly one.");
        }
        if (authorization.ToString().Length > MaxAuthorizationHeaderLength)
        {
            return new InvalidTokenRequestException($"The Authorization header is larger than {MaxAuthorizationHeaderLength} bytes.");
        }
        return null;
    }

    /// <summary>The token of a <c>Bearer</c> Authorization value (scheme case-insensitive), or null for another scheme.</summary>
    public static string? BearerToken(string authorization) =>
        authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : null;

    /// <summary>The <c>alg</c> of a JWS compact token's header, or null when it is not one (the handler then says why).</summary>
    public static string? JwtAlgorithm(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0)
        {
            return null;
        }
        try
        {
            var headerBytes = Base64UrlEncoder.DecodeBytes(token[..dot]);
            if (!Utf8.IsValid(headerBytes))
            {
                return null; // GetString would throw on it; the handler refuses the token
            }
            using var header = JsonDocument.Parse(headerBytes);
            return header.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
