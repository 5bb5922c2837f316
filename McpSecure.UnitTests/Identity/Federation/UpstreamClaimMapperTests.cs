using System.Security.Claims;
using McpSecure.Identity.Federation;

namespace McpSecure.UnitTests.Identity.Federation;

public sealed class UpstreamClaimMapperTests
{
    private static readonly string[] RealmRoles = ["reader", "admin"];

    private static FederationOptions Options() => new()
    {
        Issuer = "https://login.example.com",
        ClientId = "mcpsecure-identity",
    };

    private static ClaimsPrincipal Upstream(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(claim => new Claim(claim.Type, claim.Value)), "upstream"));

    [Fact]
    public void Standard_claims_become_the_local_identity()
    {
        var identity = UpstreamClaimMapper.Map(
            Upstream(("sub", "248289761001"), ("name", "Jane Doe"), ("preferred_username", "j.doe"), ("email", "jane@example.com")),
            Options(), RealmRoles, out var problem);

        Assert.Null(problem);
        Assert.Equal(new UpstreamIdentity("https://login.example.com", "248289761001", "j.doe", "Jane Doe", "jane@example.com", []),
            identity! with { Roles = [] });
        Assert.Empty(identity!.Roles);
    }

    [Fact]
    public void Configured_claim_names_are_read_instead_as_for_entra_id()
    {
        var options = Options();
        options.Claims.Subject = "oid";
        options.Claims.Username = "upn";

        var identity = UpstreamClaimMapper.Map(Upstream(("sub", "pairwise"), ("oid", "00000000-1111"), ("upn", "jane@contoso.com")),
            options, RealmRoles, out _);

        Assert.Equal("00000000-1111", identity!.Subject);
        Assert.Equal("jane@contoso.com", identity.Username);
    }

    [Fact]
    public void Without_a_subject_the_sign_in_is_refused_naming_the_claim_and_its_key()
    {
        var identity = UpstreamClaimMapper.Map(Upstream(("name", "No One")), Options(), RealmRoles, out var problem);

        Assert.Null(identity);
        Assert.Equal("the upstream provider sent no 'sub' claim (Identity:Federation:Claims:Subject)", problem);
    }

    [Fact]
    public void An_overlong_subject_is_refused()
    {
        var identity = UpstreamClaimMapper.Map(Upstream(("sub", new string('x', 257))), Options(), RealmRoles, out var problem);

        Assert.Null(identity);
        Assert.Contains("longer than 256 characters", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_username_falls_back_to_the_subject()
    {
        var identity = UpstreamClaimMapper.Map(Upstream(("sub", "u-1")), Options(), RealmRoles, out _);

        Assert.Equal("u-1", identity!.Username);
        Assert.Null(identity.Name);
        Assert.Null(identity.Email);
    }

    [Fact]
    public void Groups_are_mapped_to_realm_roles_and_unknown_ones_are_dropped()
    {
        var options = Options();
        options.RoleMap["mcp-admins"] = "admin";
        options.DefaultRoles = ["reader"];

        var identity = UpstreamClaimMapper.Map(
            Upstream(("sub", "u-1"), ("groups", "mcp-admins"), ("groups", "staff"), ("roles", "superuser")),
            options, RealmRoles, out _);

        Assert.Equal(["admin", "reader"], identity!.Roles);
    }

    [Fact]
    public void A_json_array_claim_and_a_value_that_is_a_realm_role_by_name_are_understood()
    {
        var options = Options();
        options.Claims.Roles = ["realm_roles"];

        var identity = UpstreamClaimMapper.Map(Upstream(("sub", "u-1"), ("realm_roles", """["reader","offline"]"""), ("groups", "admin")),
            options, RealmRoles, out _);

        // Only the configured claim is read: "groups" is not in Claims:Roles here.
        Assert.Equal(["reader"], identity!.Roles);
    }

    [Fact]
    public void A_default_role_the_realm_does_not_know_is_not_granted()
    {
        var options = Options();
        options.DefaultRoles = ["root"];

        var identity = UpstreamClaimMapper.Map(Upstream(("sub", "u-1")), options, RealmRoles, out _);

        Assert.Empty(identity!.Roles);
    }

    [Theory]
    [InlineData("/connect/authorize?client_id=x", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_local_return_urls_are_followed_after_the_upstream_sign_in(string? url, bool local)
    {
        Assert.Equal(local, FederatedLoginEndpoint.IsLocal(url));
    }
}
