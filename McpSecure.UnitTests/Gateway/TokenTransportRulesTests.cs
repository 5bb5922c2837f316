using McpSecure.Gateway.TokenValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.Gateway;

public sealed class TokenTransportRulesTests
{
    [Fact]
    public void One_bearer_header_is_fine()
    {
        Assert.Null(TokenTransportRules.Check(Request(authorization: ["Bearer abc.def.ghi"])));
    }

    [Fact]
    public void Token_in_the_query_string_is_refused_even_with_a_header()
    {
        var problem = TokenTransportRules.Check(Request("?access_token=abc", ["Bearer abc.def.ghi"]));

        Assert.NotNull(problem);
        Assert.Contains("query string", problem.Message);
    }

    [Fact]
    public void Two_authorization_headers_are_refused()
    {
        var problem = TokenTransportRules.Check(Request(authorization: ["Bearer a.b.c", "Bearer d.e.f"]));

        Assert.Equal("The request has more than one Authorization header: send exactly one.", problem?.Message);
    }

    [Fact]
    public void Authorization_headers_folded_into_one_line_are_refused_too()
    {
        Assert.NotNull(TokenTransportRules.Check(Request(authorization: ["Bearer a.b.c, Bearer d.e.f"])));
    }

    [Fact]
    public void Oversized_header_is_refused_and_one_at_the_limit_is_not()
    {
        var atLimit = "Bearer " + new string('a', TokenTransportRules.MaxAuthorizationHeaderLength - "Bearer ".Length);

        Assert.Null(TokenTransportRules.Check(Request(authorization: [atLimit])));
        Assert.NotNull(TokenTransportRules.Check(Request(authorization: [atLimit + "a"])));
    }

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer   abc  ", "abc")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l", null)]
    [InlineData("", null)]
    public void Bearer_token_is_taken_from_a_bearer_header_only(string authorization, string? expected)
    {
        Assert.Equal(expected, TokenTransportRules.BearerToken(authorization));
    }

    [Fact]
    public void Algorithm_is_read_from_the_jws_header_and_unreadable_headers_give_none()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT"}""");

        Assert.Equal("HS256", TokenTransportRules.JwtAlgorithm($"{header}.e30.sig"));
        Assert.Null(TokenTransportRules.JwtAlgorithm("opaque-token-without-dots"));
        Assert.Null(TokenTransportRules.JwtAlgorithm("%%%.e30.sig"));
        Assert.Null(TokenTransportRules.JwtAlgorithm($"{Base64UrlEncoder.Encode("""{"alg":5}""")}.e30.sig"));
        // A header whose alg is no UTF-8 (the parser reads strings lazily): none, not an exception (a 500 before the fix).
        Assert.Null(TokenTransportRules.JwtAlgorithm($"{Base64UrlEncoder.Encode(System.Text.Encoding.Latin1.GetBytes("{\"alg\":\"RS\xB2\"}"))}.e30.sig"));
    }

    [Theory]
    [InlineData("RS256", true)]
    [InlineData("PS384", true)]
    [InlineData("ES512", true)]
    [InlineData("HS256", false)]
    [InlineData("none", false)]
    [InlineData("rs256", false)]
    public void Only_asymmetric_algorithms_are_allowed(string algorithm, bool allowed)
    {
        Assert.Equal(allowed, AllowedSigningAlgorithms.IsAllowed(algorithm));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("at+jwt", true)]
    [InlineData("application/at+JWT", true)]
    [InlineData("JWT", true)]
    [InlineData("id_token+jwt", false)]
    public void Only_access_token_types_are_accepted(string? type, bool accepted)
    {
        var validate = () => AccessTokenTypes.Validate(type, null!, new TokenValidationParameters());
        if (accepted)
        {
            validate();
        }
        else
        {
            Assert.Throws<SecurityTokenInvalidTypeException>(validate);
        }
    }

    private static HttpRequest Request(string query = "", string[]? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }
        return context.Request;
    }
}
