using McpSecure.Gateway.Challenges;

namespace McpSecure.UnitTests.Gateway;

public sealed class BearerChallengeTests
{
    private static readonly Uri Metadata = new("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");

    [Fact]
    public void Challenge_without_error_names_only_the_resource_metadata()
    {
        Assert.Equal($"Bearer resource_metadata=\"{Metadata.AbsoluteUri}\"", BearerChallenge.Build(Metadata));
    }

    [Fact]
    public void Parameters_come_in_order_each_quoted_and_comma_separated()
    {
        var header = BearerChallenge.Build(Metadata, "invalid_token", "The token expired.", ["mcp:tools"]);

        Assert.Equal(
            $"Bearer resource_metadata=\"{Metadata.AbsoluteUri}\", error=\"invalid_token\", error_description=\"The token expired.\", scope=\"mcp:tools\"",
            header);
    }

    [Fact]
    public void Several_scopes_are_one_space_separated_value()
    {
        var header = BearerChallenge.Build(Metadata, scopes: ["mcp:tools", "prometheus:read"]);

        Assert.EndsWith(", scope=\"mcp:tools prometheus:read\"", header);
    }

    [Fact]
    public void Empty_scope_list_adds_no_scope_parameter()
    {
        Assert.DoesNotContain("scope=", BearerChallenge.Build(Metadata, "invalid_token", "x", []));
    }

    [Fact]
    public void Characters_rfc_6750_forbids_in_a_value_are_dropped_so_the_header_cannot_be_broken_out_of()
    {
        var header = BearerChallenge.Build(Metadata, "invalid_token", "alg \"x\\y\"\r\nSet-Cookie: a=b\tÿ");

        Assert.Contains("error_description=\"alg xySet-Cookie: a=b\"", header);
        Assert.DoesNotContain('\n', header);
        Assert.Equal(6, header.Count(c => c == '"'));
    }
}
