namespace McpSecure.Identity.Federation;

/// <summary>The upstream user as this provider keeps them, after <see cref="UpstreamClaimMapper"/>: what our tokens say about them.</summary>
/// <param name="Issuer">The upstream issuer that vouched for the user.</param>
/// <param name="Subject">The upstream subject: our tokens' <c>sub</c>.</param>
/// <param name="Username">Our tokens' <c>preferred_username</c>.</param>
/// <param name="Name">Our tokens' <c>name</c>, when the upstream provider sent one.</param>
/// <param name="Email">Our tokens' <c>email</c>, when the upstream provider sent one.</param>
/// <param name="Roles">Realm roles, from the upstream roles or groups and the default roles.</param>
internal sealed record UpstreamIdentity(string Issuer, string Subject, string Username, string? Name, string? Email, IReadOnlyList<string> Roles);
