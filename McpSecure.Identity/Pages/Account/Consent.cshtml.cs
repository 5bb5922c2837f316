using McpSecure.Identity.Authorization;
using McpSecure.Identity.Data;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace McpSecure.Identity.Pages.Account;

/// <summary>
/// The consent page: which client asks for which scopes, with Allow and Deny. The form posts the original
/// authorization request back to <c>/connect/authorize</c> with <c>consent=allow|deny</c> (see
/// <see cref="Endpoints.ConsentForm"/>); this page grants nothing by itself.
/// </summary>
[Authorize]
internal sealed class ConsentModel(
    PendingAuthorizationDescriber describer,
    ConsentRequestBinding binding,
    UserManager<AccountUser> userManager) : AuthorizationRequestPageModel(describer)
{
    /// <summary>The ticket that binds this page's answer to the request it shows (<see cref="ConsentRequestBinding"/>).</summary>
    public string? ConsentTicket { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await DescribePendingAuthorizationAsync(cancellationToken);
        if (PendingAuthorization is not { } pending || userManager.GetUserId(User) is not { } subject)
        {
            return BadRequest("There is no authorization request to consent to: start again from the application.");
        }

        string? Parameter(string name) => pending.Parameters.FirstOrDefault(parameter => parameter.Key == name).Value;
        ConsentTicket = binding.Issue(ConsentedRequest.Create(
            subject,
            Parameter(OpenIddictConstants.Parameters.ClientId) ?? "",
            Parameter(OpenIddictConstants.Parameters.RedirectUri),
            pending.Scopes.Select(scope => scope.Name),
            pending.Resources));
        return Page();
    }
}
