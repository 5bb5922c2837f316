using System.Collections.Immutable;

namespace McpSecure.AppHost;

/// <summary>
/// A dashboard entry, <c>mcpsecure</c>, that says which mode runs and why, and what a developer needs to connect:
/// the MCP URL, the public client id and the dev-only accounts.
/// </summary>
public sealed class AppInfoResource(string name) : Resource(name);

public static class AppInfoResourceExtensions
{
    public static IResourceBuilder<AppInfoResource> AddAppInfo(this IDistributedApplicationBuilder builder, HostingModeChoice mode, McpSecureSettings settings)
    {
        Console.WriteLine($"McpSecure: running in {mode.Mode} mode ({mode.Reason}).");
        if (settings.ExternalIssuer is { } external)
        {
            Console.WriteLine($"McpSecure: identity provider: the external issuer {external}.");
        }
        else if (mode.Mode == HostingMode.Embedded)
        {
            Console.WriteLine($"McpSecure: dev-only accounts: {string.Join(", ", DevAccounts.Select(a => $"{a.Username} / {a.Password}"))}.");
        }

        return builder.AddResource(new AppInfoResource("mcpsecure"))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "McpSecure",
                State = new ResourceStateSnapshot($"{mode.Mode} mode", KnownResourceStateStyles.Info),
                Properties =
                [
                    new("mcpsecure.mode", mode.Mode.ToString()),
                    new("mcpsecure.mode.reason", mode.Reason),
                    new("mcpsecure.identity_provider", settings.ExternalIssuer ?? (mode.Mode == HostingMode.Containers ? "Keycloak" : "McpSecure.Identity")),
                    new("mcpsecure.client_id", settings.ExternalIssuer is null ? IdentityProviderExtensions.PublicClientId : settings.ExternalPublicClientId ?? "(dynamic registration)"),
                    new("mcpsecure.dev_accounts", string.Join(", ", DevAccounts.Select(a => $"{a.Username} / {a.Password} ({a.Roles})"))),
                ],
            })
            .ExcludeFromManifest();
    }

    /// <summary>The dev-only accounts of <c>Realm/mcpsecure-realm.json</c>. Never use them outside development.</summary>
    private static readonly ImmutableArray<(string Username, string Password, string Roles)> DevAccounts =
    [
        ("alice", "alice-dev-password", "reader"),
        ("bob", "bob-dev-password", "reader, admin"),
    ];
}
