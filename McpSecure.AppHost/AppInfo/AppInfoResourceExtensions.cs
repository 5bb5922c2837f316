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
    public const string SignInProperty = "mcpsecure.sign_in";
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
        // Federation: our provider, but the accounts are the upstream provider's.
        var devAccounts = ownProvider && !options.IsFederated;
        IReadOnlyList<DevAccount> accounts = devAccounts ? RealmDevAccounts.Read(realmFile) : [];
        var identityProvider = options.ExternalIssuer
            ?? (options.IsFederated ? $"McpSecure.Identity (federation with {options.UpstreamIssuer})"
                : mode.Mode == HostingMode.Containers ? "Keycloak" : "McpSecure.Identity");
        var signIn = SignIn(options, mode.Mode);

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AppInfoResource).Namespace!);
            LogMode(logger, mode.Mode, mode.Reason, identityProvider);
            LogSignIn(logger, signIn);
            if (devAccounts)
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
            new(SignInProperty, signIn),
            new(ClientIdProperty, ownProvider ? IdentityProviderExtensions.PublicClientId : options.ExternalPublicClientId ?? "(dynamic registration)"),
        ];
        if (devAccounts)
        {
            properties.Add(new(DevAccountsProperty, accounts.Count == 0 ? "(none in the realm file)" : string.Join(", ", accounts.Select(a => a.WithPassword))));
        }

        return builder.AddResource(new AppInfoResource(AppModelNames.Resources.AppInfo))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "McpSecure",
                State = new ResourceStateSnapshot(options.IsFederated ? $"{mode.Mode} mode, federation" : $"{mode.Mode} mode", KnownResourceStateStyles.Info),
                Properties = [.. properties],
            })
            .ExcludeFromManifest();
    }

    /// <summary>Which of the three ways to run is in use, and where users sign in.</summary>
    public static string SignIn(AppHostOptions options, HostingMode mode) =>
        options.ExternalIssuer is { } external ? $"External provider: the gateway trusts {external} directly"
        : options.IsFederated ? $"Federation: users sign in at {options.UpstreamIssuer} (client {options.UpstreamClientId}); McpSecure.Identity issues the tokens, no local accounts"
        : mode == HostingMode.Containers ? "Development accounts (Keycloak realm)"
        : "Development accounts (McpSecure.Identity, realm file)";

    [LoggerMessage(Level = LogLevel.Information, Message = "McpSecure: sign-in: {SignIn}.")]
    private static partial void LogSignIn(ILogger logger, string signIn);

    [LoggerMessage(Level = LogLevel.Information, Message = "McpSecure: running in {Mode} mode ({Reason}); identity provider: {IdentityProvider}.")]
    private static partial void LogMode(ILogger logger, HostingMode mode, string reason, string identityProvider);

    [LoggerMessage(Level = LogLevel.Information, Message = "McpSecure: dev-only accounts: {Accounts}; their passwords are on the dashboard's {Resource} resource.")]
    private static partial void LogDevAccounts(ILogger logger, string accounts, string resource);
}
