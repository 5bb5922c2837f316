using McpSecure.Identity.Authorization;
using McpSecure.Identity.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace McpSecure.Identity.Pages.Account;

/// <summary>
/// The login form. POST fields: <c>username</c>, <c>password</c>, <c>returnUrl</c> and the antiforgery token
/// <c>__RequestVerificationToken</c>. Failures re-render with one generic message (status 200), whatever
/// went wrong, after <see cref="FailedSignInDelay"/> (password guessing gets slow; after 5 failures ASP.NET Core
/// Identity locks the account for a minute); success redirects to <c>returnUrl</c> when it is local, to <c>/</c> otherwise.
/// </summary>
[AllowAnonymous]
internal sealed partial class LoginModel(
    SignInManager<AccountUser> signInManager,
    PendingAuthorizationDescriber describer,
    TimeProvider timeProvider,
    ILogger<LoginModel> logger) : AuthorizationRequestPageModel(describer)
{
    public const string InvalidCredentialsMessage = "Invalid username or password.";

    public static readonly TimeSpan FailedSignInDelay = TimeSpan.FromSeconds(1);

    [BindProperty(Name = "username")]
    public string? Username { get; set; }

    // Never rendered back into the page.
    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    public string? ErrorMessage { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => DescribePendingAuthorizationAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password))
        {
            var result = await signInManager.PasswordSignInAsync(Username, Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                LogSignedIn(logger, Username);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : AccountPages.HomePath);
            }

            LogSignInFailed(logger, Username, result.IsLockedOut);
        }

        await Task.Delay(FailedSignInDelay, timeProvider, cancellationToken);
        ErrorMessage = InvalidCredentialsMessage;
        await DescribePendingAuthorizationAsync(cancellationToken);
        return Page();
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "User {Username} signed in")]
    private static partial void LogSignedIn(ILogger logger, string username);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Sign-in failed for {Username} (locked out: {IsLockedOut})")]
    private static partial void LogSignInFailed(ILogger logger, string username, bool isLockedOut);
}
