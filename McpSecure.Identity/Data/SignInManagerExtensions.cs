using Microsoft.AspNetCore.Identity;

namespace McpSecure.Identity.Data;

internal static class SignInManagerExtensions
{
    /// <summary>
    /// Whether <paramref name="user"/> may sign in now: allowed by ASP.NET Core Identity and not locked out
    /// (a realm user with <c>enabled: false</c> is locked out indefinitely). Checked at every code and token
    /// issuance, so that disabling a user also stops their refresh tokens.
    /// </summary>
    public static async Task<bool> MaySignInAsync(this SignInManager<AccountUser> signInManager, AccountUser user) =>
        await signInManager.CanSignInAsync(user) && !await signInManager.UserManager.IsLockedOutAsync(user);
}
