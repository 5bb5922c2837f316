using System.Text.Json;
using McpSecure.GatewayIdentity.Audit;

namespace McpSecure.UnitTests.GatewayIdentity.Audit;

/// <summary>The redaction rule of the audit log: secret-named arguments and credential-looking values never reach it.</summary>
public sealed class ToolArgumentRedactorTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    private static string Redact(string argumentsJson) =>
        ToolArgumentRedactor.Redact(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson));

    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("db_password")]
    [InlineData("clientSecret")]
    [InlineData("client-secret")]
    [InlineData("access_token")]
    [InlineData("accessToken")]
    [InlineData("refreshtoken")]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("APIKEY")]
    [InlineData("x-api-key")]
    [InlineData("private_key")]
    [InlineData("Authorization")]
    [InlineData("credentials")]
    [InlineData("cookie")]
    public void Secret_named_arguments_are_redacted_whatever_their_value(string name)
    {
        var json = Redact($$"""{"{{name}}":"hunter2-value","query":"up"}""");

        Assert.DoesNotContain("hunter2", json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(ToolArgumentRedactor.Redacted, document.RootElement.GetProperty(name).GetString());
        Assert.Equal("up", document.RootElement.GetProperty("query").GetString());
    }

    [Theory]
    [InlineData("query")]
    [InlineData("metric")]
    [InlineData("label_name")]
    [InlineData("monkey")]
    [InlineData("tokenizer_model")]
    [InlineData("limit")]
    public void Ordinary_arguments_are_kept(string name) =>
        Assert.False(ToolArgumentRedactor.IsSecretName(name), name);

    [Fact]
    public void A_jwt_in_any_value_is_removed_even_under_a_harmless_name()
    {
        var json = Redact($$$"""{"note":"use {{{Jwt}}} please","list":["{{{Jwt}}}"],"nested":{"deeper":"{{{Jwt}}}"}}""");

        Assert.DoesNotContain("eyJ", json);
        Assert.Contains("use [redacted] please", json);
        Assert.Equal(3, json.Split(ToolArgumentRedactor.Redacted).Length - 1);
    }

    [Fact]
    public void Bearer_and_basic_credentials_and_private_keys_in_values_are_removed()
    {
        var json = Redact("""
            {"header":"Authorization: Bearer abcdefghijklmnop.qrs","basic":"Basic dXNlcjpodW50ZXIy",
             "pem":"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"}
            """);

        Assert.DoesNotContain("abcdefghijklmnop", json);
        Assert.DoesNotContain("dXNlcjpodW50ZXIy", json);
        Assert.DoesNotContain("MIIEowIBAAKCAQEA", json);
        Assert.Contains("Bearer [redacted]", json);
    }

    [Fact]
    public void Secret_names_nested_in_objects_and_arrays_are_redacted_too()
    {
        var json = Redact("""{"connection":{"host":"db","password":"pw1"},"users":[{"name":"a","token":"t1"}],"count":3,"on":true}""");

        Assert.Equal("""{"connection":{"host":"db","password":"[redacted]"},"users":[{"name":"a","token":"[redacted]"}],"count":3,"on":true}""", json);
    }

    [Fact]
    public void Long_values_are_cut_and_say_by_how_much()
    {
        var json = Redact($$"""{"query":"{{new string('a', 2000)}}"}""");

        var query = JsonDocument.Parse(json).RootElement.GetProperty("query").GetString()!;
        Assert.StartsWith(new string('a', ToolArgumentRedactor.MaxStringLength), query);
        Assert.EndsWith($"…(+{2000 - ToolArgumentRedactor.MaxStringLength} chars)", query);
    }

    [Fact]
    public void No_arguments_are_an_empty_object() => Assert.Equal("{}", ToolArgumentRedactor.Redact(null));
}
