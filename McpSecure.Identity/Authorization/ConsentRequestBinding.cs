using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace McpSecure.Identity.Authorization;

/// <summary>
/// Binds a consent answer to the one request the consent page showed: the page carries a ticket, protected with ASP.NET
/// Core data protection, naming the user, the client, the redirect URI, the scope set and the resources, valid for
/// <see cref="Lifetime"/>. The authorization endpoint accepts an answer only with a ticket for exactly its own request,
/// so a consent form cannot be replayed for another client, another redirect target or another scope set (the
/// antiforgery token alone is bound to the user, not to the request).
/// </summary>
internal sealed class ConsentRequestBinding(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector protector = dataProtection.CreateProtector("McpSecure.Identity.ConsentRequestBinding.v1");

    public string Issue(ConsentedRequest request)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Ticket(request.Normalised(), (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds()));
        return WebEncoders.Base64UrlEncode(protector.Protect(payload));
    }

    /// <summary>Whether <paramref name="ticket"/> was issued for exactly <paramref name="request"/> and has not expired.</summary>
    public bool Matches(string? ticket, ConsentedRequest request)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return false;
        }

        Ticket? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize<Ticket>(protector.Unprotect(WebEncoders.Base64UrlDecode(ticket)));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            return false;
        }

        return decoded is not null
            && decoded.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds()
            && decoded.Request == request.Normalised();
    }

    private sealed record Ticket(ConsentedRequest Request, long ExpiresAt);
}
