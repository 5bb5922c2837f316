using System.Text;
using McpSecure.Gateway.McpRequests;
using Microsoft.AspNetCore.Http;

namespace McpSecure.UnitTests.Gateway;

/// <summary>How the gateway learns the method and tool of a POST: the JSON-RPC body, checked against the 2026-07-28 headers.</summary>
public sealed class McpRequestsBodyTests
{
    private static (IReadOnlyList<McpMessage> Messages, McpRequestRejection? Rejection) Parse(string json) =>
        McpRequestBody.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_tool_call_yields_its_method_and_tool_name()
    {
        var (messages, rejection) = Parse("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_config","arguments":{}}}""");

        Assert.Null(rejection);
        Assert.Equal(new McpMessage("tools/call", "get_config", IsNotification: false, IdJson: "7"), Assert.Single(messages));
    }

    [Fact]
    public void Notifications_responses_prompts_and_resources_are_recognised()
    {
        Assert.Equal(new McpMessage("notifications/initialized", null, true), Assert.Single(Parse("""{"jsonrpc":"2.0","method":"notifications/initialized"}""").Messages));
        Assert.Equal(new McpMessage(null, null, false, "\"s1\""), Assert.Single(Parse("""{"jsonrpc":"2.0","id":"s1","result":{}}""").Messages));
        Assert.Equal("investigate", Assert.Single(Parse("""{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"investigate"}}""").Messages).Name);
        Assert.Equal("file:///a", Assert.Single(Parse("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"file:///a"}}""").Messages).Name);
        // An escaped member name is the same member, as it is for the MCP server's deserializer.
        Assert.Equal("get_config", Assert.Single(Parse("""{"jsonrpc":"2.0","id":1,"\u006dethod":"tools/call","params":{"n\u0061me":"get_config"}}""").Messages).Name);
    }

    [Fact]
    public void A_batch_yields_every_call_in_it()
    {
        var (messages, rejection) = Parse("""
            [{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami"}},
             {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":0}},
             {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_config"}}]
            """);

        Assert.Null(rejection);
        Assert.Equal(["whoami", null, "get_config"], messages.Select(m => m.Name));
        Assert.Equal(2, messages.Count(m => m.IsToolCall));
    }

    [Theory]
    [InlineData("", "The request body is empty")]
    [InlineData("{\"method\":", "The request body is not valid JSON")]
    [InlineData("\"tools/call\"", "The request body is a JSON string, not a JSON-RPC message")]
    [InlineData("[]", "The request body is an empty JSON-RPC batch.")]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}, 5]", "JSON-RPC batch element 1 is a JSON number, not an object.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}", "has a 'method' that is not a non-empty string")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}", "(tools/call) has no 'params' object.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":[\"whoami\"]}}", "(tools/call) has no string 'params.name'.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"name\":\"get_config\"}}", "Duplicate")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/call\",\"params\":{\"name\":\"get_config\"}}", "Duplicate")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"Method\":\"tools/call\"}", "has a property 'Method': JSON-RPC member names are lower case.")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"NAME\":\"get_config\"}}", "has a parameter 'NAME'")]
    public void Malformed_and_ambiguous_bodies_are_refused_with_what_is_wrong(string body, string expected)
    {
        var (messages, rejection) = Parse(body);

        Assert.Empty(messages);
        Assert.NotNull(rejection);
        Assert.Equal(McpRequestRejection.MalformedBody, rejection.Reason);
        Assert.Contains(expected, rejection.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"me\xB2hod\":\"ping\"}")] // a member name (found by the fuzz run: a 500)
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"who\xC3\"}}")] // a truncated sequence in a value
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":\"\xED\xA0\x80\",\"method\":\"ping\"}")] // an encoded surrogate
    public void A_body_that_is_not_UTF8_is_refused_as_malformed_not_thrown(string latin1)
    {
        var (messages, rejection) = McpRequestBody.Parse(Encoding.Latin1.GetBytes(latin1));

        Assert.Empty(messages);
        Assert.NotNull(rejection);
        Assert.Equal(McpRequestRejection.MalformedBody, rejection.Reason);
        Assert.Equal("The request body is not valid UTF-8; JSON-RPC messages are UTF-8 encoded JSON.", rejection.Description);
    }

    [Fact]
    public void Headers_that_match_the_body_pass_and_absent_headers_are_fine()
    {
        var call = Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_config"}}""").Messages;

        Assert.Null(McpHeaderConsistency.Check(Headers(), call));
        Assert.Null(McpHeaderConsistency.Check(Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", "get_config")), call));
        Assert.Null(McpHeaderConsistency.Check(Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", "=?base64?Z2V0X2NvbmZpZw==?=")), call));
    }

    [Theory]
    [InlineData("tools/list", "get_config", "Header mismatch: Mcp-Method 'tools/list' does not match the body's method 'tools/call'.")]
    [InlineData("tools/call", "whoami", "Header mismatch: Mcp-Name 'whoami' does not match the body's params.name 'get_config'.")]
    [InlineData("tools/call", "=?base64?d2hvYW1p?=", "Header mismatch: Mcp-Name 'whoami' does not match the body's params.name 'get_config'.")]
    [InlineData("tools/call", "=?base64?not base64!?=", "Mcp-Name is neither printable ASCII nor valid =?base64?…?= UTF-8.")]
    [InlineData("tools/call", "get_cönfig", "Mcp-Name is neither printable ASCII nor valid")]
    public void A_header_that_disagrees_with_the_body_is_a_mismatch_naming_both_values(string method, string name, string expected)
    {
        var call = Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_config"}}""").Messages;

        var rejection = McpHeaderConsistency.Check(Headers(("Mcp-Method", method), ("Mcp-Name", name)), call);

        Assert.NotNull(rejection);
        Assert.Equal(McpRequestRejection.HeaderMismatch, rejection.Reason);
        Assert.Contains(expected, rejection.Description);
        Assert.True(rejection.IsJsonRpcError);
        Assert.Equal("1", rejection.IdJson);
    }

    [Fact]
    public void Headers_on_a_batch_or_twice_or_a_name_for_a_nameless_method_are_refused()
    {
        var batch = Parse("""[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami"}},{"jsonrpc":"2.0","id":2,"method":"ping"}]""").Messages;
        var ping = Parse("""{"jsonrpc":"2.0","id":1,"method":"ping"}""").Messages;

        Assert.Contains("the body is a batch of 2", McpHeaderConsistency.Check(Headers(("Mcp-Method", "tools/call")), batch)!.Description);
        var twice = new HeaderDictionary { ["Mcp-Method"] = new(["ping", "tools/call"]) };
        Assert.Contains("more than one Mcp-Method header", McpHeaderConsistency.Check(twice, ping)!.Description);
        Assert.Contains("Mcp-Name 'get_config' does not match the body's params.name '(none)'",
            McpHeaderConsistency.Check(Headers(("Mcp-Method", "ping"), ("Mcp-Name", "get_config")), ping)!.Description);
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }
        return dictionary;
    }
}
