using System.Net.Sockets;
using System.Text;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// Sends an HTTP/1.1 request byte for byte, for requests HttpClient will not produce (it folds repeated headers).
/// </summary>
public static class RawHttp
{
    public sealed record Response(HttpStatusCode Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
    {
        public IEnumerable<string> Values(string name) =>
            Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
    }

    /// <param name="target">The request target exactly as sent (e.g. <c>//mcp</c> or <c>/.well-known/../mcp</c>, which <see cref="Uri"/> would rewrite); by default the URL's path and query.</param>
    public static async Task<Response> SendAsync(Uri url, string method, IEnumerable<(string Name, string Value)> headers, string body, string? target = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        await using var stream = tcp.GetStream();
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder($"{method} {target ?? url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append($"Content-Length: {bodyBytes.Length}\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(bodyBytes);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var separator = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..separator].Split("\r\n");
        var status = (HttpStatusCode)int.Parse(lines[0].Split(' ')[1]);
        var parsed = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToList();
        var content = text[(separator + 4)..];
        var chunked = parsed.Any(h => h.Item1.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Item2.Contains("chunked"));
        return new Response(status, parsed, chunked ? Dechunk(content) : content);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToString();
            }
            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
