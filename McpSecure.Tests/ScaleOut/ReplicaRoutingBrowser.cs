using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.ScaleOut;

/// <summary>
/// A browser over plain HTTP (one cookie jar) behind a load balancer (the issuer's Host header kept) that sends each request for the shared issuer to
/// the other replica than the one before, so that every step of a sign-in lands on a different process than the step
/// that prepared it: the challenge on one, the upstream's answer on the other, the consent page on one, its form on the
/// other. Signs in at the upstream provider (npm oidc-provider: any user name, any password) and approves both consent
/// pages; stops at the client's redirect URI. <see cref="Served"/> says which replica served each request.
/// </summary>
public sealed class ReplicaRoutingBrowser(Uri issuer, IReadOnlyList<Uri> replicas) : IDisposable
{
    private const int MaxHops = 30;

    private readonly HttpClient _http = EmbeddedAppFixture.CreateRawClient(new CookieContainer());
    private int _turn;

    /// <summary>Each request for the issuer: its method and path, and the index of the replica that served it.</summary>
    public List<(string Request, int Replica)> Served { get; } = [];

    public sealed record Arrival(Uri RedirectUrl, string? ConsentPage);

    public async Task<Arrival> AuthorizeAsync(Uri authorizationUrl, string redirectUri, string login, CancellationToken cancellationToken = default)
    {
        var url = authorizationUrl;
        HttpContent? form = null;
        string? consentPage = null;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            if (url.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal))
            {
                return new Arrival(url, consentPage);
            }

            var method = form is null ? HttpMethod.Get : HttpMethod.Post;
            var (target, host) = Route(url, method.Method);
            using var message = new HttpRequestMessage(method, target) { Content = form };
            if (host is not null)
            {
                message.Headers.Host = host;
            }
            using var response = await _http.SendAsync(message, cancellationToken);
            form = null;
            if (response.Headers.Location is { } location)
            {
                url = new Uri(url, location);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("<form", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Expected a redirect or a form at {target}, got {(int)response.StatusCode}: {HtmlForm.Excerpt(html)}");
            }
            var fields = HtmlForm.HiddenFields(html);
            if (html.Contains("name=\"login\"", StringComparison.Ordinal))
            {
                fields["login"] = login;
                fields["password"] = "any-upstream-password";
            }
            else if (html.Contains("name=\"consent\"", StringComparison.Ordinal))
            {
                consentPage = html;
                fields["consent"] = "allow";
            }
            // Any other form (the upstream provider's consent) is submitted as it is.
            url = HtmlForm.Action(html) is { } action ? new Uri(url, action) : url;
            form = new FormUrlEncodedContent(fields);
        }
        throw new InvalidOperationException($"The sign-in did not reach {redirectUri} within {MaxHops} requests.");
    }

    /// <summary>
    /// A request for the issuer goes to the next replica (round robin) with the issuer's <c>Host</c> header, as a load
    /// balancer forwards it; any other host is left alone.
    /// </summary>
    private (Uri Target, string? Host) Route(Uri url, string method)
    {
        if (url.Authority != issuer.Authority && !replicas.Any(replica => replica.Authority == url.Authority))
        {
            return (url, null);
        }
        var index = _turn++ % replicas.Count;
        Served.Add(($"{method} {url.AbsolutePath}", index));
        return (new UriBuilder(url) { Host = replicas[index].Host, Port = replicas[index].Port }.Uri, issuer.Authority);
    }

    /// <summary>The replica of an index in <see cref="Served"/>.</summary>
    public Uri ReplicaUrl(int index) => replicas[index];

    public void Dispose() => _http.Dispose();
}
