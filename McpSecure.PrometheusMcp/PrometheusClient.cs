using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace McpSecure.PrometheusMcp;

/// <summary>A thin, typed client of the Prometheus HTTP API. It never forwards the MCP caller's credentials.</summary>
public sealed class PrometheusClient(HttpClient http, IOptions<PrometheusOptions> options)
{
    private readonly PrometheusOptions _options = options.Value;

    /// <summary>Instant query (<c>/api/v1/query</c>).</summary>
    public Task<PrometheusApiResponse> QueryAsync(string query, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["query"] = query,
            ["timeout"] = $"{(int)_options.QueryTimeout.TotalSeconds}s",
        };
        if (time is { } t)
        {
            form["time"] = (t.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);
        }
        return PostFormAsync("api/v1/query", form, cancellationToken);
    }

    /// <summary>Readiness (<c>/-/ready</c>): true when Prometheus answers 200.</summary>
    public async Task<(bool Ready, string Detail)> CheckReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("-/ready", cancellationToken);
        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return (response.IsSuccessStatusCode, body);
    }

    private async Task<PrometheusApiResponse> PostFormAsync(string path, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(form), cancellationToken);
        PrometheusApiResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<PrometheusApiResponse>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new PrometheusApiException($"Prometheus answered HTTP {(int)response.StatusCode} with a body that is not the Prometheus API format.");
        }

        if (body is null)
        {
            throw new PrometheusApiException($"Prometheus answered HTTP {(int)response.StatusCode} with an empty body.");
        }
        if (body.Status != "success")
        {
            throw new PrometheusApiException($"Prometheus error ({body.ErrorType ?? "unknown"}): {body.Error ?? "no message"}");
        }
        return body;
    }
}
