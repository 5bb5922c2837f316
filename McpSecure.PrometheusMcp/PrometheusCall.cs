using ModelContextProtocol;

namespace McpSecure.PrometheusMcp;

/// <summary>
/// Runs one Prometheus API call for a tool and turns every failure into a tool error (<c>isError</c>) that a model can
/// act on: Prometheus's own message and the query, or a clear "unreachable" message.
/// </summary>
public static class PrometheusCall
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string? query = null)
    {
        var about = query is null ? "" : $" (query: `{query}`)";
        try
        {
            return await call();
        }
        catch (PrometheusApiException ex)
        {
            throw new McpException($"{ex.Message}{about}");
        }
        catch (HttpRequestException ex)
        {
            throw new McpException($"Prometheus is unreachable: {ex.Message}{about}. Check that Prometheus runs and that Prometheus:BaseUrl points at it.");
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            throw TimedOut(about);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw TimedOut(about);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new McpException($"Prometheus is unreachable: too many recent failures, calls are paused for a few seconds{about}.");
        }
    }

    private static McpException TimedOut(string about) =>
        new($"Prometheus did not answer in time{about}: narrow the query (shorter range, larger step, fewer series) or raise Prometheus:QueryTimeout.");

    /// <summary>Validates <c>limit</c>/<c>offset</c> arguments with errors that name them.</summary>
    public static void CheckPage(int limit, int offset, int maxLimit)
    {
        if (limit < 1 || limit > maxLimit)
        {
            throw new McpException($"`limit` = {limit} is out of range: use 1 to {maxLimit}.");
        }
        if (offset < 0)
        {
            throw new McpException($"`offset` = {offset} is negative: use 0 for the first page.");
        }
    }

    public static string? PageNote(string what, int offset, int shown, int total) =>
        offset + shown < total
            ? $"[truncated: showing {what} {offset + 1}–{offset + shown} of {total}; pass offset={offset + shown} for the next page, or filter]"
            : null;
}
