namespace McpSecure.Identity.Configuration;

/// <summary>Limits of the dynamic client registration endpoint (<c>Identity:ClientRegistration</c>).</summary>
public sealed class ClientRegistrationOptions
{
    public int MaxRedirectUris { get; set; } = 5;

    public int MaxRedirectUriLength { get; set; } = 512;

    public int MaxClientNameLength { get; set; } = 100;

    /// <summary>Registrations accepted per minute from one remote address; more get 429.</summary>
    public int RegistrationsPerMinute { get; set; } = 20;
}
