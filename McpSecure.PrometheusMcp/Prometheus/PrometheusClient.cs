using System.Net.Http.Json;

namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>
/// A thin, typed client of the Prometheus HTTP API (<c>/api/v1/*</c>). Requests carry only what
/// <see cref="PrometheusServiceCollectionExtensions.AddPrometheusClient"/> configured: never the MCP caller's headers or token.
/// </summary>
internal sealed class PrometheusClient(HttpClient http, IOptions<PrometheusOptions> options)
{
    private readonly string _timeout = $"{(int)options.Value.QueryTimeout.TotalSeconds}s";

    public Task<PrometheusApiResponse> QueryAsync(string query, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("query", query), new("timeout", _timeout) };
        if (time is { } t)
        {
            form.Add(new("time", FormatTime(t)));
        }
        return SendAsync(HttpMethod.Post, "api/v1/query", form, cancellationToken);
    }

    public Task<PrometheusApiResponse> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/v1/query_range",
        [
            new("query", query), new("start", FormatTime(start)), new("end", FormatTime(end)),
            new("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture)), new("timeout", _timeout),
        ], cancellationToken);

    public Task<PrometheusApiResponse> LabelValuesAsync(string label, IEnumerable<string> match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/v1/label/{Uri.EscapeDataString(label)}/values", MatchAndRange(match, start, end), cancellationToken);

    public Task<PrometheusApiResponse> LabelNamesAsync(IEnumerable<string> match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/v1/labels", MatchAndRange(match, start, end), cancellationToken);

    public Task<PrometheusApiResponse> SeriesAsync(IEnumerable<string> match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/v1/series", MatchAndRange(match, start, end), cancellationToken);

    public Task<PrometheusApiResponse> MetadataAsync(string? metric, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/metadata", metric is null ? [] : [new("metric", metric)], cancellationToken);

    public Task<PrometheusApiResponse> TargetsAsync(string state, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/targets", [new("state", state)], cancellationToken);

    public Task<PrometheusApiResponse> AlertsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/alerts", [], cancellationToken);

    public Task<PrometheusApiResponse> RulesAsync(string? type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/rules", type is null ? [] : [new("type", type)], cancellationToken);

    /// <summary><c>/api/v1/status/{buildinfo|runtimeinfo|tsdb|config|flags}</c>.</summary>
    public Task<PrometheusApiResponse> StatusAsync(string page, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/v1/status/{page}", [], cancellationToken);

    /// <summary>Readiness (<c>/-/ready</c>): true when Prometheus answers 200.</summary>
    public async Task<(bool Ready, string Detail)> CheckReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("-/ready", cancellationToken);
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return (response.IsSuccessStatusCode, body);
    }

    private static string FormatTime(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> MatchAndRange(IEnumerable<string> match, DateTimeOffset? start, DateTimeOffset? end)
    {
        var parameters = match.Select(m => new KeyValuePair<string, string>("match[]", m)).ToList();
        if (start is { } s)
        {
            parameters.Add(new("start", FormatTime(s)));
        }
        if (end is { } e)
        {
            parameters.Add(new("end", FormatTime(e)));
        }
        return parameters;
    }

    private async Task<PrometheusApiResponse> SendAsync(HttpMethod method, string path, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        using var request = method == HttpMethod.Get
            ? new HttpRequestMessage(method, parameters.Count == 0 ? path : $"{path}?{ToQueryString(parameters)}")
            : new HttpRequestMessage(method, path) { Content = new FormUrlEncodedContent(parameters) };
        HttpResponseMessage sent;
        try
        {
            sent = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new PrometheusUnreachableException(PrometheusUnreachableException.Describe(options.Value.BaseUrl), ex.Message, ex);
        }
        using var response = sent;

        PrometheusApiResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<PrometheusApiResponse>(cancellationToken);
        }
        catch (JsonException)
        {
            throw new PrometheusApiException($"Prometheus answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} to /{path} with a body that is not the Prometheus API format (is Prometheus:BaseUrl right?).");
        }
        if (body is null)
        {
            throw new PrometheusApiException($"Prometheus answered HTTP {(int)response.StatusCode} to /{path} with an empty body.");
        }
        if (body.Status != "success")
        {
            throw new PrometheusApiException($"Prometheus error ({body.ErrorType ?? "unknown"}): {body.Error ?? "no message"}");
        }
        return body;
    }

    private static string ToQueryString(List<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
