using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSecure.AppHost.AppInfo;

internal static partial class AppInfoResourceExtensions
{
    public const string ModeProperty = "mcpsecure.mode";
    public const string ModeReasonProperty = "mcpsecure.mode.reason";
    public const string IdentityProviderProperty = "mcpsecure.identity_provider";
    public const string ClientIdProperty = "mcpsecure.client_id";
    public const string DevAccountsProperty = "mcpsecure.dev_only_accounts";

    /// <summary>
    /// Adds the <c>mcpsecure</c> dashboard entry and, when the app starts, logs the mode and why. The dev-only
    /// accounts come from <paramref name="realmFile"/>; they are shown only when the app runs its own provider
    /// (an external issuer has its own accounts), and the log names them without their passwords.
    /// </summary>
    public static IResourceBuilder<AppInfoResource> AddAppInfo(this IDistributedApplicationBuilder builder,
        HostingModeChoice mode, AppHostOptions options, string realmFile)
    {
        var ownProvider = options.ExternalIssuer is null;
        IReadOnlyList<DevAccount> accounts = ownProvider ? RealmDevAccounts.Read(realmFile) : [];
        var identityProvider = options.ExternalIssuer ?? (mode.Mode == HostingMode.Containers ? "Keycloak" : "McpSecure.Identity");

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AppInfoResource).Namespace!);
            LogMode(logger, mode.Mode, mode.Reason, identityProvider);
            if (ownProvider)
            {
                LogDevAccounts(logger, string.Join(", ", accounts.Select(a => a.WithoutPassword)), AppModelNames.Resources.AppInfo);
            }
            return Task.CompletedTask;
        });

        List<ResourcePropertySnapshot> properties =
        [
            new(ModeProperty, mode.Mode.ToString()),
            new(ModeReasonProperty, mode.Reason),
            new(IdentityProviderProperty, identityProvider),
            new(ClientIdProperty, ownProvider ? IdentityProviderExtensions.PublicClientId : options.ExternalPublicClientId ?? "(dynamic registration)"),
        ];
        if (ownProvider)
        {
            properties.Add(new(DevAccountsProperty, accounts.Count == 0 ? "(none in the realm file)" : string.Join(", ", accounts.Select(a => a.WithPassword))));
        }

        return builder.AddResource(new AppInfoResource(AppModelNames.Resources.AppInfo))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "McpSecure",
                State = new ResourceStateSnapshot($"{mode.Mode} mode", KnownResourceStateStyles.Info),
                Properties = [.. properties],
            })
            .ExcludeFromManifest();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "McpSecure: running in {Mode} mode ({Reason}); identity provider: {IdentityProvider}.")]
    private static partial void LogMode(ILogger logger, HostingMode mode, string reason, string identityProvider);

    [LoggerMessage(Level = LogLevel.Information, Message = "McpSecure: dev-only accounts: {Accounts}; their passwords are on the dashboard's {Resource} resource.")]
    private static partial void LogDevAccounts(ILogger logger, string accounts, string resource);
}
