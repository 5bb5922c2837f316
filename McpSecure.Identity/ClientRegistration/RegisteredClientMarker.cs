namespace McpSecure.Identity.ClientRegistration;

/// <summary>
/// The OpenIddict application property that marks a client created by dynamic registration (its value is
/// the registration time, Unix seconds). The consent page warns that such a client's name is unverified.
/// </summary>
internal static class RegisteredClientMarker
{
    public const string PropertyName = "mcpsecure_registered_at";
}
