using McpSecure.Identity.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace McpSecure.Identity.Pages.Account;

/// <summary>
/// The consent page: which client asks for which scopes, with Allow and Deny. The form posts the original
/// authorization request back to <c>/connect/authorize</c> with <c>consent=allow|deny</c> (see
/// <see cref="Endpoints.ConsentForm"/>); this page grants nothing by itself.
/// </summary>
[Authorize]
internal sealed class ConsentModel(PendingAuthorizationDescriber describer) : AuthorizationRequestPageModel(describer)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await DescribePendingAuthorizationAsync(cancellationToken);
        return PendingAuthorization is null
            ? BadRequest("There is no authorization request to consent to: start again from the application.")
            : Page();
    }
}
