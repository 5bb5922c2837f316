using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// Rights per tool at the gateway, through its real pipeline and its shipped rules (appsettings.json): a forbidden
/// <c>tools/call</c> never reaches the MCP server, and its 403 names every scope to step up to.
/// </summary>
[Collection(GatewayTracesCollection.Name)]
public sealed class McpRequestsPipelineTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    private const string ResourceMetadata = GatewayApp.PublicBaseUrl + "/.well-known/oauth-protected-resource/mcp";
    private const string Alice = "openid mcp:tools prometheus:read";
    private const string Bob = "openid mcp:tools prometheus:read prometheus:admin";

    private static string Call(string tool, int id = 1) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}";

    [Fact]
    public async Task A_call_without_the_tools_scope_gets_403_insufficient_scope_naming_every_scope_needed()
    {
        var (upstream, client) = Start();

        using var response = await PostAsync(client, Alice, Call("get_config"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        const string description = "The tool 'get_config' requires the scope prometheus:admin.";
        Assert.Equal($"Bearer resource_metadata=\"{ResourceMetadata}\", error=\"insufficient_scope\", error_description=\"{description}\", " +
                     "scope=\"mcp:tools prometheus:read prometheus:admin\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(("insufficient_scope", description), await GatewayPipelineTests.ErrorAsync(response));
        Assert.Empty(upstream.Bodies);
    }

    [Theory]
    [InlineData("/mcp/")]
    [InlineData("/MCP")]
    public async Task Another_spelling_of_the_mcp_path_is_checked_too(string path)
    {
        var (upstream, client) = Start();

        using var response = await PostAsync(client, Alice, Call("get_config"), path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(upstream.Bodies);
    }

    [Fact]
    public async Task An_allowed_call_reaches_the_mcp_server_with_its_body_unchanged()
    {
        var (upstream, client) = Start();
        var body = Call("get_config", id: 42);

        using var response = await PostAsync(client, Bob, body, ("Mcp-Method", "tools/call"), ("Mcp-Name", "get_config"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, Assert.Single(upstream.Bodies));
    }

    [Fact]
    public async Task The_request_span_names_the_method_and_tool_even_when_the_call_is_refused()
    {
        var (_, client) = Start();
        var spans = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        using var refused = await PostAsync(client, Alice, Call("get_flags"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // The request's span stops after the client has the response.
        for (var waited = 0; waited < 10_000; waited += 50)
        {
            lock (spans)
            {
                if (spans.Any(span => Equals(span.GetTagItem("mcp.tool.name"), "get_flags")))
                {
                    break;
                }
            }
            await Task.Delay(50);
        }
        lock (spans)
        {
            Assert.Contains(spans, span => Equals(span.GetTagItem("mcp.method.name"), "tools/call") &&
                                           Equals(span.GetTagItem("mcp.tool.name"), "get_flags") &&
                                           span.GetTagItem("enduser.id") is string { Length: > 0 });
        }
    }

    [Fact]
    public async Task A_token_with_only_the_gateway_scope_may_call_whoami_but_not_the_query_tools()
    {
        var (upstream, client) = Start();

        using var whoami = await PostAsync(client, "openid mcp:tools", Call("whoami"));
        using var query = await PostAsync(client, "openid mcp:tools", Call("execute_query"));

        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, query.StatusCode);
        Assert.EndsWith("scope=\"mcp:tools prometheus:read\"", query.Headers.WwwAuthenticate.ToString());
        Assert.Single(upstream.Bodies);
    }

    [Fact]
    public async Task A_batch_with_one_forbidden_call_is_refused_as_a_whole()
    {
        var (upstream, client) = Start();

        using var response = await PostAsync(client, Alice, $"[{Call("whoami", 1)},{Call("get_flags", 2)},{Call("execute_query", 3)}]");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("The tool 'get_flags' requires the scope prometheus:admin.", (await GatewayPipelineTests.ErrorAsync(response)).Description);
        Assert.Empty(upstream.Bodies);
    }

    [Fact]
    public async Task A_header_that_disagrees_with_the_body_gets_400_with_the_json_rpc_error_32020_and_the_request_id()
    {
        var (upstream, client) = Start();

        // The header claims an allowed tool; the body calls an admin tool.
        using var response = await PostAsync(client, Alice, Call("get_config"), ("Mcp-Method", "tools/call"), ("Mcp-Name", "whoami"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2.0", body.RootElement.GetProperty("jsonrpc").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("id").GetInt32());
        Assert.Equal(-32020, body.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Header mismatch: Mcp-Name 'whoami' does not match the body's params.name 'get_config'.",
            body.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(upstream.Bodies);
    }

    [Fact]
    public async Task A_header_mismatch_echoes_a_string_id_and_answers_null_for_a_batch()
    {
        var (upstream, client) = Start();

        using var stringId = await PostAsync(client, Alice,
            """{"jsonrpc":"2.0","id":"req-\"7\"","method":"tools/call","params":{"name":"get_config"}}""", ("Mcp-Method", "tools/list"));
        using var batch = await PostAsync(client, Alice, $"[{Call("whoami", 1)},{Call("whoami", 2)}]", ("Mcp-Method", "tools/call"));

        using var stringBody = System.Text.Json.JsonDocument.Parse(await stringId.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, stringId.StatusCode);
        Assert.Equal("req-\"7\"", stringBody.RootElement.GetProperty("id").GetString());
        Assert.Equal(-32020, stringBody.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        using var batchBody = System.Text.Json.JsonDocument.Parse(await batch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, batchBody.RootElement.GetProperty("id").ValueKind);
        Assert.Empty(upstream.Bodies);
    }

    [Fact]
    public async Task Malformed_and_duplicate_member_bodies_get_400_and_notifications_pass()
    {
        var (upstream, client) = Start();

        using var malformed = await PostAsync(client, Alice, """{"jsonrpc":"2.0","id":1,"method":"tools/call",""");
        using var duplicate = await PostAsync(client, Alice,
            """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","name":"get_config"}}""");
        using var notification = await PostAsync(client, Alice, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("The request body is not valid JSON", (await GatewayPipelineTests.ErrorAsync(malformed)).Description);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, notification.StatusCode);
        Assert.Single(upstream.Bodies);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_naming_the_key_without_being_read_to_the_end()
    {
        var (upstream, client) = Start(("Gateway:Limits:MaxRequestBodySize", "2048"));
        var large = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"execute_query","arguments":{"query":"X"}}}""".Replace("X", new string('x', 4096));

        using var response = await PostAsync(client, Alice, large);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Gateway:Limits:MaxRequestBodySize", (await GatewayPipelineTests.ErrorAsync(response)).Description);
        Assert.Empty(upstream.Bodies);
    }

    [Fact]
    public async Task A_missing_role_gets_403_without_a_scope_to_step_up_to()
    {
        var (upstream, client) = Start(("Gateway:ToolAccess:Tools:get_config:Roles:0", "admin"));

        // The token has the scope but its subject only the role reader (FakeIdentityProvider's default claims).
        using var response = await PostAsync(client, Bob, Call("get_config"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains("requires the role admin", challenge);
        Assert.DoesNotContain("scope=", challenge);
        Assert.Empty(upstream.Bodies);
    }

    private (McpRequestsUpstream Upstream, HttpClient Client) Start(params (string Key, string Value)[] settings)
    {
        var upstream = new McpRequestsUpstream();
        var factory = app.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(services => services.AddSingleton<IForwarderHttpClientFactory>(upstream));
        });
        return (upstream, factory.CreateClient());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string scope, string body, params (string Name, string Value)[] headers) =>
        await PostAsync(client, scope, body, "/mcp", headers);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string scope, string body, string path, params (string Name, string Value)[] headers)
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri,
            d => d.Subject = new([new("sub", "alice-id"), new("scope", scope), new("role", "reader"), new("client_id", "mcp-client")]));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return await client.SendAsync(request);
    }
}
