using McpSecure.Identity.Configuration;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>
/// Limits of the dynamic client registration endpoint, bound from <c>Identity:ClientRegistration</c>
/// and checked at start-up by <see cref="ClientRegistrationOptionsValidator"/>.
/// </summary>
internal sealed class ClientRegistrationOptions
{
    public const string SectionName = $"{IdentityProviderOptions.SectionName}:ClientRegistration";

    public int MaxRedirectUris { get; set; } = 5;

    public int MaxRedirectUriLength { get; set; } = 512;

    public int MaxClientNameLength { get; set; } = 100;

    /// <summary>Registrations accepted per minute from one remote address; more get 429.</summary>
    public int RegistrationsPerMinute { get; set; } = 20;
}
