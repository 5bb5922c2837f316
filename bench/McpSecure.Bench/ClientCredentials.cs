using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace McpSecure.Bench;

/// <summary>A machine token (client credentials grant) for <paramref name="resource"/>.</summary>
internal static class ClientCredentials
{
    public static async Task<string> AccessTokenAsync(Uri issuer, string resource, string clientId, string clientSecret)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer, "connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = resource, ["scope"] = "mcp:tools" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token endpoint refused the client credentials of {clientId}: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }
}
