using McpSecure.Identity.UpstreamTokens;

namespace McpSecure.UnitTests.Identity.UpstreamTokens;

/// <summary>The token-exchange checks, each refusal with its RFC error code.</summary>
public sealed class TokenExchangeRequestCheckTests
{
    private const string Gateway = "http://localhost:5100/mcp";
    private const string Api = "https://api.upstream.example";

    private static readonly UpstreamTokenOptions Options = new()
    {
        Keep = true,
        ExchangeClients = ["mcp-server"],
        Audiences = [Api],
    };

    private static TokenExchangeRefusal? Check(
        string client = "mcp-server", string? requested = null, string[]? targets = null,
        string? subject = "alice", string? subjectClient = "mcp-client", string[]? subjectAudiences = null) =>
        TokenExchangeRequestCheck.Refusal(Options, client, requested, targets ?? [Api], subject, subjectClient,
            subjectAudiences ?? [Gateway], [Gateway]);

    [Fact]
    public void A_users_gateway_token_presented_by_the_configured_client_for_a_configured_audience_passes() =>
        Assert.Null(Check(requested: "urn:ietf:params:oauth:token-type:access_token"));

    [Fact]
    public void Another_client_is_unauthorized() =>
        Assert.Equal("unauthorized_client", Check(client: "mcp-client")!.Error);

    [Theory]
    [InlineData("https://other.example")]
    [InlineData(Gateway)]
    public void An_audience_off_the_list_is_an_invalid_target(string audience)
    {
        var refusal = Check(targets: [audience])!;
        Assert.Equal("invalid_target", refusal.Error);
        Assert.Contains(audience, refusal.Description);
    }

    [Fact]
    public void No_audience_or_two_are_invalid_targets()
    {
        Assert.Equal("invalid_target", Check(targets: [])!.Error);
        Assert.Equal("invalid_target", Check(targets: [Api, "https://other.example"])!.Error);
    }

    [Fact]
    public void Another_requested_token_type_is_an_invalid_request() =>
        Assert.Equal("invalid_request", Check(requested: "urn:ietf:params:oauth:token-type:id_token")!.Error);

    [Fact]
    public void A_machine_token_as_subject_is_an_invalid_grant() =>
        Assert.Equal("invalid_grant", Check(subject: "mcp-machine", subjectClient: "mcp-machine")!.Error);

    [Fact]
    public void A_token_the_exchanging_client_got_for_itself_is_an_invalid_grant() =>
        Assert.Contains("issued to 'mcp-server' itself", Check(subjectClient: "mcp-server")!.Description);

    [Fact]
    public void A_token_for_another_resource_is_an_invalid_grant() =>
        Assert.Equal("invalid_grant", Check(subjectAudiences: ["http://elsewhere/mcp"])!.Error);
}
