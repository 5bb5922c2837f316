using System.Diagnostics;
using System.Text.RegularExpressions;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>
/// Wrong passwords get one plain error after a delay; five failures in a row lock the account for a minute,
/// after which even the right password is refused. Uses <c>carol</c>, whom no other test signs in.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed partial class LoginTests(EmbeddedAppFixture fixture)
{
    private async Task<(HttpResponseMessage Response, string Html)> PostLoginAsync(string username, string password)
    {
        var cookies = new CookieContainer();
        using var browser = EmbeddedAppFixture.CreateRawClient(cookies);
        var loginUrl = new Uri(fixture.IdentityUrl, "/account/login");
        var page = await browser.GetStringAsync(loginUrl);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var response = await browser.PostAsync(loginUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_gets_a_plain_error_after_a_delay_then_lockout_refuses_even_the_right_one()
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var stopwatch = Stopwatch.StartNew();
            var (response, html) = await PostLoginAsync("carol", "wrong-password-" + attempt);
            stopwatch.Stop();
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Null(response.Headers.Location);
                Assert.Contains("Invalid username or password.", html);
                Assert.DoesNotContain("wrong-password", html);
                Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(0.9), $"attempt {attempt} answered after {stopwatch.Elapsed.TotalMilliseconds:0} ms");
            }
        }

        var (locked, lockedHtml) = await PostLoginAsync("carol", "carol-dev-password");

        using (locked)
        {
            Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
            Assert.Null(locked.Headers.Location);
            Assert.Contains("Invalid username or password.", lockedHtml);
        }
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_plain_error()
    {
        var (response, html) = await PostLoginAsync("nobody-" + Guid.NewGuid().ToString("N"), "whatever");

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Invalid username or password.", html);
        }
    }

    [Fact]
    public async Task The_right_password_signs_in()
    {
        var (response, _) = await PostLoginAsync("bob", "bob-dev-password");

        using (response)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.ToString());
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
