using Microsoft.AspNetCore.Identity;

namespace McpSecure.Identity.Data;

/// <summary>A development account seeded from the realm file (ASP.NET Core Identity user).</summary>
internal sealed class AccountUser : IdentityUser
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    /// <summary>The OpenID Connect <c>name</c> claim: "First Last", falling back to the user name.</summary>
    public string DisplayName =>
        string.Join(' ', new[] { FirstName, LastName }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } fullName
            ? fullName
            : UserName ?? Id;
}
