namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// Records what an in-process client sent and received (method, URL, status, the token request's grant type, the
/// WWW-Authenticate header), to prove how a flow went. Never records tokens or credentials.
/// </summary>
public sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    public sealed record Exchange(HttpMethod Method, Uri Url, HttpStatusCode Status, string? GrantType, string? Challenge);

    private readonly List<Exchange> _exchanges = [];

    public IReadOnlyList<Exchange> Exchanges
    {
        get { lock (_exchanges) return [.. _exchanges]; }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? grantType = null;
        if (request.Content is FormUrlEncodedContent form)
        {
            var fields = QueryString.Parse(await form.ReadAsStringAsync(cancellationToken));
            grantType = fields.GetValueOrDefault("grant_type");
        }
        var response = await base.SendAsync(request, cancellationToken);
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString();
        lock (_exchanges)
        {
            _exchanges.Add(new Exchange(request.Method, request.RequestUri!, response.StatusCode, grantType, challenge));
        }
        return response;
    }
}
