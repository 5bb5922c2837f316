namespace McpSecure.Identity.Pages.Account;

/// <summary>
/// The routes of the provider's own pages and the query parameter that brings the browser back to the
/// authorization request. The <c>@page</c> directives must repeat the paths as literals (Razor requires it).
/// </summary>
internal static class AccountPages
{
    public const string HomePath = "/";
    public const string LoginPath = "/account/login";
    public const string ConsentPath = "/account/consent";

    /// <summary>Where the login and consent pages return to: a local <c>/connect/authorize?...</c> URL.</summary>
    public const string ReturnUrlParameter = "returnUrl";
}
