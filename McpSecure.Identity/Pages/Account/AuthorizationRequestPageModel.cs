using McpSecure.Identity.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace McpSecure.Identity.Pages.Account;

/// <summary>
/// A page the authorization endpoint sends the browser to: it carries the authorization request in
/// <c>returnUrl</c> and shows which client asks for what (<see cref="PendingAuthorization"/>).
/// </summary>
internal abstract class AuthorizationRequestPageModel(PendingAuthorizationDescriber describer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = AccountPages.ReturnUrlParameter)]
    public string? ReturnUrl { get; set; }

    /// <summary>The request behind <see cref="ReturnUrl"/>, or null when it is not a local authorization request.</summary>
    public PendingAuthorization? PendingAuthorization { get; private set; }

    protected async Task DescribePendingAuthorizationAsync(CancellationToken cancellationToken) =>
        PendingAuthorization = await describer.DescribeAsync(ReturnUrl, cancellationToken);
}
