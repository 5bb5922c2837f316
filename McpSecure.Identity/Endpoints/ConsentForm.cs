using McpSecure.Identity.Authorization;
using McpSecure.Identity.Pages.Account;
using Microsoft.AspNetCore.Antiforgery;

namespace McpSecure.Identity.Endpoints;

/// <summary>
/// The contract between the consent page (<see cref="AccountPages.ConsentPath"/>) and the authorization endpoint: the page posts the original
/// authorization request parameters back to <c>/connect/authorize</c>, plus <c>consent=allow|deny</c> and the
/// antiforgery token, so that OpenIddict validates the request again and answers the client itself.
/// </summary>
internal static class ConsentForm
{
    public const string AnswerField = "consent";
    public const string AllowValue = "allow";
    public const string DenyValue = "deny";
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The <see cref="ConsentRequestBinding"/> ticket: the answer counts only for the request it was issued for.</summary>
    public const string TicketField = "consent_ticket";

    public static bool IsOwnField(string name) => name is AnswerField or AntiforgeryField or TicketField;

    /// <summary>
    /// The answer posted by the consent page, or <see cref="ConsentAnswer.None"/> when there is none, its
    /// antiforgery token does not check out (a cross-site post must not be able to grant consent), or its ticket was
    /// not issued for <paramref name="request"/> (a form replayed for another client, redirect URI or scope set).
    /// </summary>
    public static async Task<ConsentAnswer> ReadAnswerAsync(HttpContext context, IAntiforgery antiforgery,
        ConsentRequestBinding binding, ConsentedRequest request)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            return ConsentAnswer.None;
        }

        var form = await context.Request.ReadFormAsync();
        var answer = form[AnswerField].ToString() switch
        {
            AllowValue => ConsentAnswer.Allow,
            DenyValue => ConsentAnswer.Deny,
            _ => ConsentAnswer.None,
        };

        return answer != ConsentAnswer.None
            && await antiforgery.IsRequestValidAsync(context)
            && binding.Matches(form[TicketField].ToString(), request)
            ? answer
            : ConsentAnswer.None;
    }
}
