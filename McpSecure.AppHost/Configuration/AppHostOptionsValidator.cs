using McpSecure.AppHost.HostingModes;
using Microsoft.Extensions.Options;

namespace McpSecure.AppHost.Configuration;

/// <summary>Refuses options the app model cannot be built from; every message names the configuration key.</summary>
internal sealed class AppHostOptionsValidator : IValidateOptions<AppHostOptions>
{
    private const string Section = AppHostOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AppHostOptions options)
    {
        var failures = new List<string>();

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{Section}:{nameof(options.Mode)} must be one of {string.Join(", ", Enum.GetNames<HostingMode>())} (found {options.Mode}).");
        }
        ValidatePort(failures, nameof(options.GatewayPort), options.GatewayPort);
        ValidatePort(failures, nameof(options.IdentityPort), options.IdentityPort);
        if (options.GatewayPort == options.IdentityPort)
        {
            failures.Add($"{Section}:{nameof(options.GatewayPort)} and {Section}:{nameof(options.IdentityPort)} must differ (both are {options.GatewayPort}).");
        }

        if (options.ExternalIssuer is { } issuer
            && !(Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add($"{Section}:{nameof(options.ExternalIssuer)} must be an absolute http or https URL, the issuer exactly as in its tokens (found '{issuer}').");
        }
        if (options.ExternalPublicClientId is not null && options.ExternalIssuer is null)
        {
            failures.Add($"{Section}:{nameof(options.ExternalPublicClientId)} names a client of {Section}:{nameof(options.ExternalIssuer)}, which is not set.");
        }
        if (options.ExternalPublicClientId is { } clientId && string.IsNullOrWhiteSpace(clientId))
        {
            failures.Add($"{Section}:{nameof(options.ExternalPublicClientId)} must not be empty when set.");
        }

        ValidateFederation(options, failures);
        if (!Enum.IsDefined(options.Identity.Storage))
        {
            failures.Add($"{IdentitySettings.SectionName}:Storage must be one of {string.Join(", ", Enum.GetNames<IdentityStorage>())} (found {options.Identity.Storage}).");
        }
        if (options.Identity.Replicas < 1)
        {
            failures.Add($"{IdentitySettings.SectionName}:Replicas must be at least 1 (found {options.Identity.Replicas}).");
        }
        else if (options.Identity.Replicas > 1 && !options.Identity.IsPostgreSql)
        {
            failures.Add($"{IdentitySettings.SectionName}:Replicas is {options.Identity.Replicas}, which needs {IdentitySettings.SectionName}:Storage=PostgreSql " +
                "(SQLite and the key folders belong to one process).");
        }
        foreach (var (_, key, values) in options.Gateway.Lists())
        {
            if (values.Length > GatewaySettings.MaxListEntries)
            {
                failures.Add($"{Section}:Gateway:{key} may have at most {GatewaySettings.MaxListEntries} entries (found {values.Length}).");
            }
            if (values.FirstOrDefault(value => value.Any(char.IsWhiteSpace)) is { } spaced)
            {
                failures.Add($"{Section}:Gateway:{key} entries must be single names without spaces (found '{spaced}'); list them one per entry.");
            }
        }
        if (options.Gateway.Replicas is < 1 or > GatewaySettings.MaxReplicas)
        {
            failures.Add($"{Section}:Gateway:{nameof(options.Gateway.Replicas)} must be from 1 to {GatewaySettings.MaxReplicas} (found {options.Gateway.Replicas}).");
        }
        if (options.Gateway.NameClaim is { } nameClaim && (nameClaim.Length == 0 || nameClaim.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{Section}:Gateway:NameClaim must be a claim name without spaces (found '{nameClaim}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static readonly string[] UpstreamClaimPurposes = ["Subject", "Name", "Username", "Email"];

    private static void ValidateFederation(AppHostOptions options, List<string> failures)
    {
        if (options.UpstreamIssuer is null)
        {
            if (options.UpstreamClientId is not null)
            {
                failures.Add($"{Section}:{nameof(options.UpstreamClientId)} names a client of {Section}:{nameof(options.UpstreamIssuer)}, which is not set.");
            }
            if (options.UpstreamKeepTokens)
            {
                failures.Add($"{Section}:{nameof(options.UpstreamKeepTokens)} keeps upstream tokens of federation mode, but {Section}:{nameof(options.UpstreamIssuer)} is not set.");
            }
            return;
        }

        if (!(Uri.TryCreate(options.UpstreamIssuer, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            failures.Add($"{Section}:{nameof(options.UpstreamIssuer)} must be the upstream provider's issuer, an absolute https URL (http only on loopback) (found '{options.UpstreamIssuer}').");
        }
        if (string.IsNullOrWhiteSpace(options.UpstreamClientId))
        {
            failures.Add($"{Section}:{nameof(options.UpstreamClientId)} is required with {Section}:{nameof(options.UpstreamIssuer)}: the client registered for McpSecure.Identity at that provider.");
        }
        if (options.ExternalIssuer is not null)
        {
            failures.Add($"{Section}:{nameof(options.UpstreamIssuer)} and {Section}:{nameof(options.ExternalIssuer)} exclude each other: federate through McpSecure.Identity, or let the gateway trust the provider directly.");
        }
        foreach (var purpose in options.UpstreamClaims.Keys.Where(key => !UpstreamClaimPurposes.Contains(key, StringComparer.OrdinalIgnoreCase)))
        {
            failures.Add($"{Section}:{nameof(options.UpstreamClaims)}:{purpose} is not a claim purpose; use one of {string.Join(", ", UpstreamClaimPurposes)}.");
        }
        if (options.UpstreamKeepTokens && (options.UpstreamTokenExchangeClients.Count == 0 || options.UpstreamTokenAudiences.Count == 0))
        {
            failures.Add($"{Section}:{nameof(options.UpstreamKeepTokens)} needs {Section}:{nameof(options.UpstreamTokenExchangeClients)}:0 (the MCP server's confidential client) and {Section}:{nameof(options.UpstreamTokenAudiences)}:0 (an upstream API).");
        }
    }

    private static void ValidatePort(List<string> failures, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{Section}:{key} must be a TCP port from 1 to 65535 (found {port}).");
        }
    }
}
