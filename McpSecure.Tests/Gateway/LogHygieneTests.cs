using System.Net.Http.Headers;
using McpSecure.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpSecure.Tests.Gateway;

/// <summary>
/// No token, password or key in any log line of our services, after a login, MCP calls and refused requests
/// (a forged token, a token in the query string, a wrong password), at the log levels the services ship with.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class LogHygieneTests(EmbeddedAppFixture fixture)
{
    [Fact]
    public async Task Logs_contain_no_token_password_or_key()
    {
        var secrets = new List<string> { "alice-dev-password", "wrong-password-for-the-log-test" };

        var tokens = await fixture.LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read");
        secrets.AddRange(new[] { tokens.AccessToken, tokens.RefreshToken, tokens.IdToken }.OfType<string>());
        secrets.Add(tokens.AccessToken.Split('.')[2]);

        await using (var client = await McpConnection.ConnectAsync(fixture.McpUrl, tokens.AccessToken))
        {
            await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up" });
        }

        var forge = fixture.Forge;
        var forged = forge.Create(d => d.Audience = "http://localhost:1/elsewhere");
        secrets.Add(forged);
        using var http = EmbeddedAppFixture.CreateRawClient();
        using (var request = new HttpRequestMessage(HttpMethod.Post, fixture.McpUrl) { Content = new StringContent("{}") })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
            await http.SendAsync(request);
        }
        var inQuery = forge.Create();
        secrets.Add(inQuery);
        await http.PostAsync($"{fixture.McpUrl}?access_token={inQuery}", new StringContent("{}"));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            fixture.LoginAsync("alice", "wrong-password-for-the-log-test"));

        secrets.Add(await fixture.GatewayIdentityKeyAsync());

        // Let the processes flush their console output before reading it back.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var lineCount = 0;
        foreach (var (resource, lines) in fixture.Logs.Snapshot())
        {
            foreach (var line in lines)
            {
                lineCount++;
                foreach (var secret in secrets)
                {
                    Assert.False(line.Contains(secret, StringComparison.Ordinal),
                        $"{resource} logged a secret ({secret[..Math.Min(6, secret.Length)]}…): {line}");
                }
            }
        }
        Assert.True(lineCount > 0, "no log lines were read: the check would prove nothing");
    }
}
