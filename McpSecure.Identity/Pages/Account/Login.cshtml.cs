using McpSecure.Identity.Authorization;
using McpSecure.Identity.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace McpSecure.Identity.Pages.Account;

/// <summary>
/// The login form. POST fields: <c>username</c>, <c>password</c>, <c>returnUrl</c> and the antiforgery token
/// <c>__RequestVerificationToken</c>. Failures re-render with one generic message (status 200), whatever
/// went wrong, after <see cref="FailedSignInDelay"/> (password guessing gets slow; after 5 failures ASP.NET Core
/// Identity locks the account for a minute); success redirects to <c>returnUrl</c> when it is local, to <c>/</c> otherwise.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<McpSecureUser> signInManager,
    PendingAuthorizationDescriber describer,
    ILogger<LoginModel> logger) : PageModel
{
    public const string InvalidCredentialsMessage = "Invalid username or password.";

    public static readonly TimeSpan FailedSignInDelay = TimeSpan.FromSeconds(1);

    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    [BindProperty(Name = "username")]
    public string? Username { get; set; }

    // Never rendered back into the page.
    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    public string? ErrorMessage { get; private set; }

    public PendingAuthorization? PendingAuthorization { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PendingAuthorization = await describer.DescribeAsync(ReturnUrl, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password))
        {
            var result = await signInManager.PasswordSignInAsync(Username, Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                logger.LogInformation("User {Username} signed in", Username);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            }

            logger.LogInformation("Sign-in failed for {Username} (locked out: {IsLockedOut})", Username, result.IsLockedOut);
        }

        await Task.Delay(FailedSignInDelay, cancellationToken);
        ErrorMessage = InvalidCredentialsMessage;
        PendingAuthorization = await describer.DescribeAsync(ReturnUrl, cancellationToken);
        return Page();
    }
}
