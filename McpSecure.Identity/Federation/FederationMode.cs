namespace McpSecure.Identity.Federation;

/// <summary>
/// Whether this process runs in federation mode (<c>Identity:Federation:Issuer</c> set), decided once at start-up:
/// the services registered depend on it. In federation mode there are no local accounts.
/// </summary>
internal sealed class FederationMode(bool isEnabled)
{
    public bool IsEnabled { get; } = isEnabled;

    public static FederationMode From(IConfiguration configuration) =>
        new(!string.IsNullOrWhiteSpace(configuration[$"{FederationOptions.SectionName}:{nameof(FederationOptions.Issuer)}"]));
}
