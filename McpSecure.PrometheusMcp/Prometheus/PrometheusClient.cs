using System.Net.Http.Json;
using McpSecure.PrometheusMcp.Tenancy;

namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>
/// A thin, typed client of the Prometheus HTTP API (<c>/api/v1/*</c>). Requests carry only what
/// <see cref="PrometheusServiceCollectionExtensions.AddPrometheusClient"/> configured: never the MCP caller's headers or token.
/// With tenancy on (<see cref="TenancyOptions"/>) every call is confined to the caller's tenant here, in one place: queries
/// and <c>match[]</c> selectors are rewritten on their syntax tree (<see cref="TenantQueryRewriter"/>), or the tenant is sent
/// as <c>X-Scope-OrgID</c>; calls that cannot be confined are refused.
/// </summary>
internal sealed class PrometheusClient(HttpClient http, IOptions<PrometheusOptions> options, CallerTenantResolver? tenancy = null)
{
    private readonly string _timeout = $"{(int)options.Value.QueryTimeout.TotalSeconds}s";

    public Task<PrometheusApiResponse> QueryAsync(string query, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        query = ConfineQuery(query);
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
            new("query", ConfineQuery(query)), new("start", FormatTime(start)), new("end", FormatTime(end)),
            new("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture)), new("timeout", _timeout),
        ], cancellationToken);

    public Task<PrometheusApiResponse> LabelValuesAsync(string label, IEnumerable<string> match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/v1/label/{Uri.EscapeDataString(label)}/values", MatchAndRange(match, start, end), cancellationToken);

    public Task<PrometheusApiResponse> LabelNamesAsync(IEnumerable<string> match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/v1/labels", MatchAndRange(match, start, end), cancellationToken);

    public Task<PrometheusApiResponse> SeriesAsync(IEnumerable<string> match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/v1/series", MatchAndRange(match, start, end), cancellationToken);

    /// <summary>
    /// <c>/api/v1/metadata</c>. Metadata has no selector; in <see cref="TenancyMode.Label"/> mode only the metrics the
    /// caller's tenant has series of are kept.
    /// </summary>
    public async Task<PrometheusApiResponse> MetadataAsync(string? metric, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, "api/v1/metadata", metric is null ? [] : [new("metric", metric)], cancellationToken);
        var tenant = Tenant();
        if (tenant.Mode != TenancyMode.Label)
        {
            return response;
        }
        var names = (await LabelValuesAsync("__name__", [], null, null, cancellationToken)).Data.EnumerateArray()
            .Select(n => n.GetString()).ToHashSet(StringComparer.Ordinal);
        var kept = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in response.Data.EnumerateObject().Where(e => names.Contains(e.Name)))
        {
            kept[entry.Name] = entry.Value.Clone();
        }
        return response with { Data = JsonSerializer.SerializeToElement(kept) };
    }

    public Task<PrometheusApiResponse> TargetsAsync(string state, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/targets", [new("state", state)], cancellationToken, acrossTenants: true);

    public Task<PrometheusApiResponse> AlertsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/alerts", [], cancellationToken, acrossTenants: true);

    public Task<PrometheusApiResponse> RulesAsync(string? type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/rules", type is null ? [] : [new("type", type)], cancellationToken, acrossTenants: true);

    /// <summary><c>/api/v1/status/{buildinfo|runtimeinfo|tsdb|config|flags}</c>.</summary>
    public Task<PrometheusApiResponse> StatusAsync(string page, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/v1/status/{page}", [], cancellationToken, acrossTenants: page != "buildinfo");

    /// <summary>Readiness (<c>/-/ready</c>): true when Prometheus answers 200.</summary>
    public async Task<(bool Ready, string Detail)> CheckReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("-/ready", cancellationToken);
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return (response.IsSuccessStatusCode, body);
    }

    private static string FormatTime(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);

    private CallerTenant Tenant() => tenancy?.Resolve() ?? CallerTenant.Unconfined;

    /// <summary>The query confined to the caller's tenant (Label mode), unchanged otherwise.</summary>
    private string ConfineQuery(string query)
    {
        var tenant = Tenant();
        return tenant.Mode == TenancyMode.Label ? tenant.Rewriter().RewriteQuery(query) : query;
    }

    private List<KeyValuePair<string, string>> MatchAndRange(IEnumerable<string> match, DateTimeOffset? start, DateTimeOffset? end)
    {
        var tenant = Tenant();
        if (tenant.Mode == TenancyMode.Label)
        {
            // Every selector confined; no selector at all would read every tenant's names and values: the tenant's series instead.
            var rewriter = tenant.Rewriter();
            var confined = match.Select(rewriter.RewriteSeriesSelector).ToList();
            match = confined.Count == 0 ? [rewriter.AllSeriesSelector] : confined;
        }
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

    private async Task<PrometheusApiResponse> SendAsync(HttpMethod method, string path, List<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken, bool acrossTenants = false)
    {
        var tenant = Tenant();
        if (tenant.Enforced)
        {
            // A caller without a tenant gets nothing at all; a tenant gets nothing that spans tenants.
            tenant.RequireTenant();
            if (acrossTenants)
            {
                throw new TenantViolationException($"/{path} reads across tenants and is not available while tenancy is on.");
            }
        }
        using var request = method == HttpMethod.Get
            ? new HttpRequestMessage(method, parameters.Count == 0 ? path : $"{path}?{ToQueryString(parameters)}")
            : new HttpRequestMessage(method, path) { Content = new FormUrlEncodedContent(parameters) };
        if (tenant.Mode == TenancyMode.OrgIdHeader)
        {
            request.Headers.Remove(PrometheusRequestHeaders.TenantHeader);
            request.Headers.Add(PrometheusRequestHeaders.TenantHeader, tenant.RequireTenant());
        }
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
