using System.Text.Json;
using McpSecure.Identity.ClientRegistration;
using McpSecure.Identity.Endpoints;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.Identity;

public sealed class ClientMetadataValidatorTests
{
    private static ClientMetadataValidator Validator(ClientRegistrationOptions? limits = null) =>
        new(Options.Create(limits ?? new ClientRegistrationOptions()), new RealmFileReader(TestRealms.Parse()));

    private static (ClientMetadata? Metadata, OAuthErrorResponse? Error) Validate(string json, ClientRegistrationOptions? limits = null)
    {
        using var document = JsonDocument.Parse(json);
        var valid = Validator(limits).TryValidate(document.RootElement, out var metadata, out var error);
        Assert.Equal(valid, error is null);
        return (metadata, error);
    }

    private static OAuthErrorResponse Rejected(string json, string expectedError, ClientRegistrationOptions? limits = null)
    {
        var (metadata, error) = Validate(json, limits);
        Assert.Null(metadata);
        Assert.NotNull(error);
        Assert.Equal(expectedError, error.Error);
        return error;
    }

    [Fact]
    public void Minimal_loopback_registration_gets_the_code_and_refresh_grants_and_every_offered_scope()
    {
        var (metadata, _) = Validate("""{ "redirect_uris": ["http://127.0.0.1:3000/callback"] }""");

        Assert.NotNull(metadata);
        Assert.Equal([new Uri("http://127.0.0.1:3000/callback")], metadata.RedirectUris);
        Assert.Null(metadata.ClientName);
        Assert.Equal(["authorization_code", "refresh_token"], metadata.GrantTypes);
        Assert.Contains("openid", metadata.Scopes);
        Assert.Contains(TestRealms.McpToolsScope, metadata.Scopes);
    }

    [Theory]
    [InlineData("https://app.example.com/callback")]
    [InlineData("http://localhost:8123/cb")]
    [InlineData("http://[::1]:8123/cb")]
    public void Https_and_loopback_http_redirect_uris_are_accepted(string redirectUri)
    {
        var (metadata, _) = Validate($$"""{ "redirect_uris": ["{{redirectUri}}"] }""");
        Assert.NotNull(metadata);
    }

    [Theory]
    [InlineData("""{ "client_name": "x" }""", "'redirect_uris' is required")]
    [InlineData("""{ "redirect_uris": [] }""", "'redirect_uris' is required")]
    [InlineData("""{ "redirect_uris": "http://127.0.0.1/cb" }""", "'redirect_uris' is required")]
    [InlineData("""{ "redirect_uris": ["http://app.example.com/cb"] }""", "must use https, or http on a loopback host")]
    [InlineData("""{ "redirect_uris": ["https://app.example.com/cb#x"] }""", "must not contain a fragment or user information")]
    [InlineData("""{ "redirect_uris": ["https://user@app.example.com/cb"] }""", "must not contain a fragment or user information")]
    [InlineData("""{ "redirect_uris": ["cb"] }""", "is not an absolute URI")]
    [InlineData("""{ "redirect_uris": ["javascript://127.0.0.1/%0aalert(1)"] }""", "must use https")]
    public void Bad_redirect_uris_are_invalid_redirect_uri_with_a_description_of_the_rule(string json, string expectedDescription)
    {
        var error = Rejected(json, ClientRegistrationErrors.InvalidRedirectUri);
        Assert.Contains(expectedDescription, error.ErrorDescription);
    }

    [Fact]
    public void Count_and_length_limits_come_from_the_options_and_are_named_in_the_description()
    {
        var limits = new ClientRegistrationOptions { MaxRedirectUris = 2, MaxRedirectUriLength = 30, MaxClientNameLength = 5 };

        var tooMany = Rejected("""{ "redirect_uris": ["https://a.example/1", "https://a.example/2", "https://a.example/3"] }""",
            ClientRegistrationErrors.InvalidRedirectUri, limits);
        Assert.Contains("At most 2 redirect URIs", tooMany.ErrorDescription);
        Assert.Contains("got 3", tooMany.ErrorDescription);

        var tooLong = Rejected("""{ "redirect_uris": ["https://a.example/a-path-that-is-too-long"] }""",
            ClientRegistrationErrors.InvalidRedirectUri, limits);
        Assert.Contains("at most 30 characters", tooLong.ErrorDescription);

        var longName = Rejected("""{ "redirect_uris": ["https://a.example/1"], "client_name": "Too long" }""",
            ClientRegistrationErrors.InvalidClientMetadata, limits);
        Assert.Contains("'client_name' may be at most 5 characters", longName.ErrorDescription);

        var (fits, _) = Validate("""{ "redirect_uris": ["https://a.example/1", "https://a.example/2"], "client_name": "Tool" }""", limits);
        Assert.NotNull(fits);
    }

    [Fact]
    public void Client_name_is_trimmed_blank_means_none_and_control_characters_are_refused()
    {
        var (named, _) = Validate("""{ "redirect_uris": ["https://a.example/cb"], "client_name": "  My tool  " }""");
        Assert.Equal("My tool", named!.ClientName);

        var (blank, _) = Validate("""{ "redirect_uris": ["https://a.example/cb"], "client_name": "   " }""");
        Assert.Null(blank!.ClientName);

        var control = Rejected("""{ "redirect_uris": ["https://a.example/cb"], "client_name": "Evil\u0007" }""", ClientRegistrationErrors.InvalidClientMetadata);
        Assert.Contains("'client_name' must not contain control characters", control.ErrorDescription);

        Rejected("""{ "redirect_uris": ["https://a.example/cb"], "client_name": 42 }""", ClientRegistrationErrors.InvalidClientMetadata);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("client_secret_basic")]
    [InlineData("client_secret_post")]
    public void Secret_based_auth_methods_are_accepted_and_registered_as_a_public_client(string method)
    {
        var (metadata, _) = Validate($$"""{ "redirect_uris": ["https://a.example/cb"], "token_endpoint_auth_method": "{{method}}" }""");
        Assert.NotNull(metadata);
    }

    [Theory]
    [InlineData("\"private_key_jwt\"")]
    [InlineData("\"tls_client_auth\"")]
    [InlineData("1")]
    public void Key_or_certificate_auth_methods_are_refused_naming_the_field(string method)
    {
        var error = Rejected($$"""{ "redirect_uris": ["https://a.example/cb"], "token_endpoint_auth_method": {{method}} }""",
            ClientRegistrationErrors.InvalidClientMetadata);
        Assert.Contains("'token_endpoint_auth_method' must be 'none'", error.ErrorDescription);
    }

    [Theory]
    [InlineData("""["client_credentials"]""", "(got 'client_credentials')")]
    [InlineData("""["refresh_token"]""", "must contain authorization_code")]
    [InlineData("\"authorization_code\"", "'grant_types' must be an array of strings")]
    [InlineData("""[1]""", "'grant_types' must be an array of strings")]
    public void Grant_types_other_than_code_and_refresh_are_refused(string grantTypes, string expectedDescription)
    {
        var error = Rejected($$"""{ "redirect_uris": ["https://a.example/cb"], "grant_types": {{grantTypes}} }""",
            ClientRegistrationErrors.InvalidClientMetadata);
        Assert.Contains(expectedDescription, error.ErrorDescription);
    }

    [Fact]
    public void Requested_grant_types_are_kept_once_each()
    {
        var (metadata, _) = Validate("""{ "redirect_uris": ["https://a.example/cb"], "grant_types": ["authorization_code", "authorization_code"] }""");
        Assert.Equal(["authorization_code"], metadata!.GrantTypes);
    }

    [Fact]
    public void Response_types_may_only_be_code()
    {
        var error = Rejected("""{ "redirect_uris": ["https://a.example/cb"], "response_types": ["code", "token"] }""",
            ClientRegistrationErrors.InvalidClientMetadata);
        Assert.Contains("'response_types'", error.ErrorDescription);
    }

    [Fact]
    public void Scope_narrows_to_known_scopes_and_an_unknown_one_is_named()
    {
        var (metadata, _) = Validate("""{ "redirect_uris": ["https://a.example/cb"], "scope": "openid  mcp:tools openid" }""");
        Assert.Equal(["openid", TestRealms.McpToolsScope], metadata!.Scopes);

        var error = Rejected("""{ "redirect_uris": ["https://a.example/cb"], "scope": "openid admin:everything" }""",
            ClientRegistrationErrors.InvalidClientMetadata);
        Assert.Contains("Unknown scope 'admin:everything'", error.ErrorDescription);
        Assert.Contains(TestRealms.McpToolsScope, error.ErrorDescription);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void A_body_that_is_not_a_json_object_is_invalid_client_metadata(string json)
    {
        Rejected(json, ClientRegistrationErrors.InvalidClientMetadata);
    }
}
