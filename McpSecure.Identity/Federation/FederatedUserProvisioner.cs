using McpSecure.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace McpSecure.Identity.Federation;

/// <summary>
/// Keeps the local record of an upstream user, created at their first sign-in and refreshed at every one: an
/// ASP.NET Core Identity user with no password (nobody can sign in locally as them), linked to the upstream issuer
/// and subject as an external login, whose id is the upstream subject (our tokens' <c>sub</c>).
/// </summary>
/// <remarks>
/// The upstream <c>name</c> is kept in <see cref="AccountUser.FirstName"/> (no last name), so that
/// <see cref="AccountUser.DisplayName"/> is that name and the schema stays the one of the embedded mode.
/// </remarks>
internal sealed partial class FederatedUserProvisioner(
    UserManager<AccountUser> userManager,
    ILogger<FederatedUserProvisioner> logger)
{
    public async Task<AccountUser> ProvisionAsync(UpstreamIdentity upstream)
    {
        var user = await userManager.FindByLoginAsync(upstream.Issuer, upstream.Subject);
        var isNew = user is null;
        if (user is null)
        {
            if (await userManager.FindByIdAsync(upstream.Subject) is not null)
            {
                throw new FederatedSignInException($"a local user with the id '{upstream.Subject}' exists and is not linked to {upstream.Issuer}");
            }
            user = new AccountUser { Id = upstream.Subject, LockoutEnabled = true };
        }

        user.UserName = upstream.Username;
        user.FirstName = upstream.Name;
        user.LastName = null;
        user.Email = upstream.Email;
        // The upstream provider answers for the address; we never verify it ourselves.
        user.EmailConfirmed = false;

        var saved = isNew ? await userManager.CreateAsync(user) : await userManager.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            throw new FederatedSignInException($"the local record of '{upstream.Username}' could not be saved: {Describe(saved)}");
        }
        if (isNew)
        {
            var linked = await userManager.AddLoginAsync(user, new UserLoginInfo(upstream.Issuer, upstream.Subject, upstream.Issuer));
            if (!linked.Succeeded)
            {
                throw new FederatedSignInException($"'{upstream.Username}' could not be linked to {upstream.Issuer}: {Describe(linked)}");
            }
            LogProvisioned(logger, upstream.Username, upstream.Subject, upstream.Issuer);
        }

        var current = await userManager.GetRolesAsync(user);
        var removed = current.Except(upstream.Roles).ToList();
        var added = upstream.Roles.Except(current).ToList();
        if (removed.Count > 0)
        {
            await userManager.RemoveFromRolesAsync(user, removed);
        }
        if (added.Count > 0)
        {
            await userManager.AddToRolesAsync(user, added);
        }
        LogSignedIn(logger, upstream.Username, upstream.Issuer, upstream.Roles);
        return user;
    }

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(error => error.Description));

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Created the local record of upstream user {Username} (subject {Subject}) from {Issuer}")]
    private static partial void LogProvisioned(ILogger logger, string username, string subject, string issuer);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Upstream user {Username} signed in through {Issuer} with roles {Roles}")]
    private static partial void LogSignedIn(ILogger logger, string username, string issuer, IReadOnlyList<string> roles);
}
