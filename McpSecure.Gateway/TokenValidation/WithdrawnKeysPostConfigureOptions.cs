using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// A signing key the provider withdraws stops being accepted once the keys are re-read
/// (<c>Gateway:AuthorizationServer:KeyCacheLifetime</c>). IdentityModel otherwise keeps "last known good" key sets and
/// retries a token that fails against the current keys with them, for an hour by default: a withdrawn key, perhaps a
/// leaked one, would stay accepted. Runs after JwtBearer's own post-configuration, which creates the configuration
/// manager. The keys last read still stay in use while the provider is unreachable (the manager keeps its current set).
/// </summary>
internal sealed class WithdrawnKeysPostConfigureOptions : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (options.ConfigurationManager is BaseConfigurationManager manager)
        {
            manager.UseLastKnownGoodConfiguration = false;
        }
        options.TokenValidationParameters.ValidateWithLKG = false;
    }
}
