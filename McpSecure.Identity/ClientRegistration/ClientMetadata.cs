namespace McpSecure.Identity.ClientRegistration;

/// <summary>RFC 7591 client metadata, as accepted (validated and normalised) by <see cref="ClientMetadataValidator"/>.</summary>
internal sealed record ClientMetadata(
    IReadOnlyList<Uri> RedirectUris,
    string? ClientName,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes);
