namespace McpSecure.Identity.ClientRegistration;

/// <summary>RFC 7591 client metadata, as accepted (validated and normalised) by <see cref="ClientMetadataValidator"/>.</summary>
public sealed record ClientMetadata(
    IReadOnlyList<Uri> RedirectUris,
    string? ClientName,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes);

/// <summary>An RFC 7591 §3.2.2 error: <c>invalid_redirect_uri</c> or <c>invalid_client_metadata</c>.</summary>
public sealed record ClientRegistrationError(string Error, string Description)
{
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";

    public static ClientRegistrationError RedirectUri(string description) => new(InvalidRedirectUri, description);

    public static ClientRegistrationError Metadata(string description) => new(InvalidClientMetadata, description);
}
