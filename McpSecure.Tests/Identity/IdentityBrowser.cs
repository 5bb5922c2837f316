using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>
/// McpSecure.Identity as a client reaches it at its fixed endpoints (<c>connect/…</c>): the user's part of an
/// authorization request, token requests and dynamic client registration.
/// </summary>
public static class IdentityBrowser
{
    /// <summary>Sends the user's browser through <paramref name="request"/> at the issuer's authorization endpoint.</summary>
    /// <param name="cookies">The browser's cookie jar, to keep its sign-in across calls; a fresh one when null.</param>
    public static Task<AuthorizationOutcome> AuthorizeAsync(Uri issuer, AuthorizationRequest request, string username, string password,
        ConsentChoice consent = ConsentChoice.Allow, CookieContainer? cookies = null) =>
        HttpLoginBrowser.AuthorizeAsync(request.Url(AuthorizationEndpoint(issuer)), request.RedirectUri, username, password, consent, cookies);

    public static Uri AuthorizationEndpoint(Uri issuer) => new(issuer, "connect/authorize");

    public static async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Uri issuer, IReadOnlyDictionary<string, string> form,
        (string Id, string Secret)? basicAuthentication = null)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer, "connect/token")) { Content = new FormUrlEncodedContent(form) };
        if (basicAuthentication is { } client)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.Id)}:{Uri.EscapeDataString(client.Secret)}")));
        }
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> RegisterAsync(Uri issuer, object metadata)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var response = await http.PostAsJsonAsync(new Uri(issuer, "connect/register"), metadata);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    /// <summary>Registers a public loopback client and returns its id.</summary>
    public static async Task<string> RegisterClientAsync(Uri issuer, string redirectUri, string clientName)
    {
        var (status, body, response) = await RegisterAsync(issuer, new { redirect_uris = new[] { redirectUri }, client_name = clientName, token_endpoint_auth_method = "none" });
        response.Dispose();
        Assert.True(status == HttpStatusCode.Created, $"Registration failed: {(int)status} {body}");
        return body.GetProperty("client_id").GetString()!;
    }
}
