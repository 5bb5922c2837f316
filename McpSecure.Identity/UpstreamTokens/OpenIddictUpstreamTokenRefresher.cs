using McpSecure.Identity.Federation;
using OpenIddict.Client;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>The refresh through OpenIddict's client, with the federation registration (its issuer, client id and secret).</summary>
internal sealed partial class OpenIddictUpstreamTokenRefresher(
    OpenIddictClientService client,
    ILogger<OpenIddictUpstreamTokenRefresher> logger) : IUpstreamTokenRefresher
{
    public async Task<UpstreamTokenSet?> RefreshAsync(UpstreamTokenSet current, CancellationToken cancellationToken)
    {
        if (current.RefreshToken is null)
        {
            return null;
        }
        try
        {
            var result = await client.AuthenticateWithRefreshTokenAsync(new OpenIddictClientModels.RefreshTokenAuthenticationRequest
            {
                ProviderName = ConfigureClientFromFederationOptions.ProviderName,
                RefreshToken = current.RefreshToken,
                DisableUserInfo = true,
                CancellationToken = cancellationToken,
            });
            return new UpstreamTokenSet(result.AccessToken, result.AccessTokenExpirationDate,
                string.IsNullOrEmpty(result.RefreshToken) ? current.RefreshToken : result.RefreshToken);
        }
        catch (Exception exception) when (exception is OpenIddict.Abstractions.OpenIddictExceptions.ProtocolException or HttpRequestException or InvalidOperationException)
        {
            // The message of OpenIddict's exception names the OAuth error, never the token.
            LogRefreshRefused(logger, exception.GetType().Name, exception is OpenIddict.Abstractions.OpenIddictExceptions.ProtocolException generic ? generic.Error : exception.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 1625, Level = LogLevel.Warning, Message = "The upstream provider refused to refresh a kept upstream token ({Kind}: {Error})")]
    private static partial void LogRefreshRefused(ILogger logger, string kind, string? error);
}
