using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// Seeded random requests for the gateway: mutated methods, paths (dot segments, doubled slashes, case, percent
/// encodings, absolute form), credentials (none, forged, mutated, expired, wrong audience, <c>alg: none</c>, two of them,
/// in the query), headers (forged identity, MCP routing headers, origins, hosts), JSON-RPC bodies (garbage, wrong types,
/// huge ids, batches, deep nesting, invalid UTF-8) and framings (Content-Length right, short or long, chunked right or
/// broken, both at once). Only requests that carry the valid token unaltered may reach the MCP server.
/// </summary>
internal sealed class FuzzCases(int seed, string validToken)
{
    private readonly Random _random = new(seed);

    // Made once: an RSA key per case would cost more than the requests.
    private static readonly string Forged = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, credentials: new SigningCredentials(
        new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = FakeIdentityProvider.RsaKey.KeyId }, SecurityAlgorithms.RsaSha256));
    private static readonly string Unsigned = FakeIdentityProvider.CreateUnsignedToken(GatewayApp.ResourceUri);
    private static readonly string NotUtf8Header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Encoding.Latin1.GetBytes("{\"alg\":\"RS\xB2\",\"typ\":\"at+jwt\"}"));
    private static readonly string Expired = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, d =>
    {
        d.NotBefore = DateTime.UtcNow.AddHours(-2);
        d.IssuedAt = d.NotBefore;
        d.Expires = DateTime.UtcNow.AddHours(-1);
    });
    private static readonly string OtherAudience = FakeIdentityProvider.CreateToken("https://other.test/mcp");

    private static readonly string[] Methods = ["POST", "POST", "POST", "GET", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "TRACE", "post", "P0ST", "CONNECT", "PROPFIND", "POST "];

    private static readonly string[] Paths =
    [
        "/mcp", "/mcp", "/mcp", "//mcp", "/MCP", "/Mcp", "/mcp/", "/mcp//", "/.well-known/../mcp", "/.well-known/%2e%2e/mcp", "/%2e%2e/mcp",
        "/./mcp", "/a/../mcp", "/mcp/..", "/mcp/../health", "/health/../mcp", "/%6dcp", "/%6Dcp", "/mcp%2f", "/%2fmcp", "/mcp%00", "/mcp%20",
        "/mcp?x=1", "/mcp;jsessionid=1", "/mcp%3bx", "/mcp/x", "/mcpx", "/metrics", "/health", "/alive", "/register", "/",
        "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource", "/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration", "/.well-known/oauth-protected-resource/../../mcp", "*", "http://localhost/mcp",
        "http://evil.test/mcp", "/mcp\\..\\health", "/%u006dcp", "/m%63p", "/mcp%", "/mcp%zz", "/\u00e9mcp", "/mcp?access_token=VALID",
    ];

    private static readonly string[] Bodies =
    [
        """{"jsonrpc":"2.0","id":1,"method":"ping"}""",
        """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""",
        """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"whoami","arguments":{}}}""",
        """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get_config","arguments":{}}}""",
        """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
        "", "{", "}", "null", "true", "42", "\"text\"", "[]", "[1,2,3]", "[{}]", "{}", "{\"jsonrpc\":\"2.0\"}",
        """{"jsonrpc":"2.0","id":1}""", """{"jsonrpc":"2.0","id":1,"method":42}""", """{"jsonrpc":"2.0","id":1,"method":""}""",
        """{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}""", """{"jsonrpc":"2.0","id":[1],"method":"ping"}""",
        """{"jsonrpc":"2.0","id":1e400,"method":"ping"}""", "{\"jsonrpc\":\"2.0\",\"id\":" + new string('9', 5000) + ",\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"" + new string('i', 50_000) + "\",\"method\":\"ping\"}",
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"name"}""", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":7}}""",
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","name":"get_config"}}""",
        """{"jsonrpc":"2.0","id":1,"Method":"tools/call","method":"ping"}""", """{"jsonrpc":"1.0","id":1,"method":"ping"}""",
        """[{"jsonrpc":"2.0"},{"id":{}},7,"x",null]""", """[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_flags"}}]""",
        new string('[', 10_000) + new string(']', 10_000), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201),
        "\uFEFF{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\u0000ing\"}",
    ];

    public FuzzCase Next(int number)
    {
        var summary = new List<string>();
        var method = Pick(Methods, summary, "method");
        var path = Pick(Paths, summary, "path");
        var carriesValidToken = false;
        var headers = new List<string> { "Host: localhost", $"{CountingUpstream.CaseHeader}: {number}" };
        if (path.Contains("VALID", StringComparison.Ordinal))
        {
            path = path.Replace("VALID", validToken, StringComparison.Ordinal);
        }

        var (authorization, valid) = Credential(summary);
        headers.AddRange(authorization.Select(a => "Authorization: " + a));
        carriesValidToken = valid;

        foreach (var extra in ExtraHeaders(summary))
        {
            headers.Add(extra);
        }

        var body = Body(summary);
        var (framing, bodyBytes, broken) = Framing(body, summary);
        headers.AddRange(framing);

        var head = $"{method} {path} HTTP/1.1\r\n" + string.Join("\r\n", headers) + "\r\nConnection: close\r\n\r\n";
        var bytes = Encoding.Latin1.GetBytes(head).Concat(bodyBytes).ToArray();
        return new FuzzCase(number, bytes, carriesValidToken, broken, string.Join("; ", summary));
    }

    private (string[] Values, bool Valid) Credential(List<string> summary)
    {
        (string Name, string[] Values, bool Valid)[] choices =
        [
            ("none", [], false),
            ("valid", ["Bearer " + validToken], true),
            ("valid", ["Bearer " + validToken], true),
            ("lower-case scheme", ["bearer " + validToken], true),
            ("two spaces", ["Bearer  " + validToken], true),
            ("empty bearer", ["Bearer"], false),
            ("bearer and space", ["Bearer "], false),
            ("mutated token", ["Bearer " + Mutate(validToken)], false),
            ("truncated token", ["Bearer " + validToken[..(validToken.Length - 5)]], false),
            ("random token", ["Bearer " + Convert.ToBase64String(Bytes(_random.Next(1, 300)))], false),
            ("three dots", ["Bearer a.b.c"], false),
            ("alg none", ["Bearer " + Unsigned], false),
            ("expired", ["Bearer " + Expired], false),
            ("other audience", ["Bearer " + OtherAudience], false),
            ("forged signature", ["Bearer " + Forged], false),
            ("basic", ["Basic YWxpY2U6cGFzc3dvcmQ="], false),
            ("dpop scheme", ["DPoP " + validToken], false),
            ("two tokens in one", ["Bearer " + validToken + ", Bearer " + validToken], false),
            ("two headers", ["Bearer " + validToken, "Bearer " + validToken], false),
            ("huge", ["Bearer " + new string('A', 40_000)], false),
            ("token with CR", ["Bearer " + validToken[..20] + "\r" + validToken[20..]], false),
            ("header not UTF-8", ["Bearer " + NotUtf8Header + validToken[validToken.IndexOf('.')..]], false),
        ];
        var choice = choices[_random.Next(choices.Length)];
        summary.Add("credential=" + choice.Name);
        return (choice.Values, choice.Valid);
    }

    private IEnumerable<string> ExtraHeaders(List<string> summary)
    {
        string[] extras =
        [
            "Content-Type: application/json", "Content-Type: application/json", "Content-Type: text/plain", "Content-Type: application/json; charset=utf-16",
            "Accept: application/json, text/event-stream", "Accept: text/event-stream", "Accept: */*",
            "X-McpSecure-Identity: forged.identity.value", "Mcp-Method: tools/call", "Mcp-Name: get_config", "Mcp-Method: ping\u00ff",
            "Mcp-Session-Id: ../../etc/passwd", "MCP-Protocol-Version: 1999-01-01", "Origin: http://evil.test", "Origin: null",
            "Origin: " + GatewayApp.AllowedOrigin, "X-Forwarded-For: 10.0.0.1, 127.0.0.1", "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.test",
            "Host: evil.test", "Expect: 100-continue", "Cookie: a=b", "X-Padding: " + new string('p', 8000), "X-Bytes: \u00e9\u00ff\u0080",
            "Upgrade: websocket", "Connection: Upgrade", ": empty-name", "Bad Header: space in name", "Content-Encoding: gzip",
        ];
        var count = _random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            var header = extras[_random.Next(extras.Length)];
            summary.Add("header=" + (header.Length > 40 ? header[..40] + "…" : header));
            yield return header;
        }
    }

    private byte[] Body(List<string> summary)
    {
        var roll = _random.Next(11);
        if (roll < 7)
        {
            var body = Bodies[_random.Next(Bodies.Length)];
            summary.Add("body=" + (body.Length > 40 ? body[..40] + "…" : body));
            return Encoding.UTF8.GetBytes(body);
        }
        if (roll < 9)
        {
            var body = Encoding.UTF8.GetBytes(Bodies[_random.Next(Bodies.Length)]);
            for (var i = 0; i < 1 + _random.Next(4) && body.Length > 0; i++)
            {
                body[_random.Next(body.Length)] = (byte)_random.Next(256);
            }
            summary.Add("body=mutated bytes");
            return body;
        }
        if (roll == 9)
        {
            // Well-formed JSON whose first string holds a byte that is no UTF-8: the parser only finds it when it reads the string.
            var body = Encoding.UTF8.GetBytes(Bodies[_random.Next(Bodies.Length)]);
            var quote = Array.IndexOf(body, (byte)'"');
            if (quote >= 0 && quote + 1 < body.Length && body[quote + 1] != (byte)'"')
            {
                body[quote + 1] = _random.Next(2) == 0 ? (byte)0xB2 : (byte)0xC3;
            }
            summary.Add("body=JSON, not UTF-8");
            return body;
        }
        summary.Add("body=random bytes");
        return Bytes(_random.Next(1, 2000));
    }

    private (string[] Headers, byte[] Body, bool Broken) Framing(byte[] body, List<string> summary)
    {
        switch (_random.Next(10))
        {
            case < 5:
                summary.Add("framing=length");
                return ([$"Content-Length: {body.Length}"], body, false);
            case 5:
                summary.Add("framing=chunked");
                return (["Transfer-Encoding: chunked"], Chunked(body, extensions: false, terminate: true), false);
            case 6:
                summary.Add("framing=chunked with extensions");
                return (["Transfer-Encoding: chunked"], Chunked(body, extensions: true, terminate: true), false);
            case 7:
                summary.Add("framing=chunked, bad size");
                return (["Transfer-Encoding: chunked"], [.. "zz\r\n"u8, .. body, .. "\r\n0\r\n\r\n"u8], true);
            case 8:
                summary.Add("framing=length and chunked");
                return ([$"Content-Length: {body.Length}", "Transfer-Encoding: chunked"], Chunked(body, extensions: false, terminate: true), true);
            default:
                summary.Add("framing=short length");
                return ([$"Content-Length: {Math.Max(0, body.Length - 3)}"], body, true);
        }
    }

    private byte[] Chunked(byte[] body, bool extensions, bool terminate)
    {
        var output = new List<byte>();
        var position = 0;
        while (position < body.Length)
        {
            var size = Math.Min(body.Length - position, 1 + _random.Next(700));
            output.AddRange(Encoding.ASCII.GetBytes(size.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + (extensions ? ";ext=\"v\"" : "") + "\r\n"));
            output.AddRange(body.AsSpan(position, size).ToArray());
            output.AddRange("\r\n"u8.ToArray());
            position += size;
        }
        if (terminate)
        {
            output.AddRange("0\r\n\r\n"u8.ToArray());
        }
        return [.. output];
    }

    /// <summary>Changes one character inside the payload (never a segment's last one, whose low bits may be padding).</summary>
    private string Mutate(string token)
    {
        var characters = token.ToCharArray();
        var payloadStart = token.IndexOf('.', StringComparison.Ordinal) + 1;
        var payloadEnd = token.IndexOf('.', payloadStart);
        var index = _random.Next(payloadStart, payloadEnd - 1);
        characters[index] = characters[index] == 'A' ? 'B' : 'A';
        return new string(characters);
    }

    private T Pick<T>(T[] choices, List<string> summary, string what)
    {
        var choice = choices[_random.Next(choices.Length)];
        summary.Add($"{what}={choice}");
        return choice;
    }

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
